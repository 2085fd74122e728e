import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/client/chat/types';
import { sameRows } from './MessageList';

const message = (id: string, text = id): ChatMessage =>
  ({ id, role: id.startsWith('u') ? 'user' : 'assistant', parts: [{ type: 'text', text }] }) as ChatMessage;
const handlers = {
  onEdit: () => {},
  onDelete: () => {},
  onRegenerate: () => {},
  onContinue: () => {},
  onRetry: () => {},
  onSwitchVersion: () => {},
};
const conversation = Array.from({ length: 120 }, (_, i) => message(i % 2 ? `a${i}` : `u${i}`));
const block = (messages: ChatMessage[], from: number, to: number) => ({
  messages,
  from,
  to,
  chatStatus: 'streaming' as const,
  error: undefined,
  failedId: undefined,
  ...handlers,
});

describe('sameRows', () => {
  it('keeps a block whose messages are the same objects while the last message grows', () => {
    const next = [...conversation.slice(0, -1), message('a119', 'longer text')];
    expect(sameRows(block(conversation, 0, 50), block(next, 0, 50))).toBe(true);
    expect(sameRows(block(conversation, 50, 100), block(next, 50, 100))).toBe(true);
  });

  it('renders again the block of a message that changed', () => {
    const next = [...conversation.slice(0, -1), message('a119', 'longer text')];
    expect(sameRows(block(conversation, 100, 120), block(next, 100, 120))).toBe(false);
  });

  it('renders again the block after a changed message (its first key is that message)', () => {
    const next = conversation.map((m, i) => (i === 49 ? message('a49x') : m));
    expect(sameRows(block(conversation, 50, 100), block(next, 50, 100))).toBe(false);
  });

  it('renders every block again when a message is added (which is last, which are far)', () => {
    const next = [...conversation, message('u120')];
    expect(sameRows(block(conversation, 0, 50), block(next, 0, 50))).toBe(false);
  });

  it('renders again on any other prop', () => {
    expect(sameRows(block(conversation, 0, 50), { ...block(conversation, 0, 50), chatStatus: 'ready' })).toBe(false);
    expect(sameRows(block(conversation, 0, 50), { ...block(conversation, 0, 50), onDelete: () => {} })).toBe(false);
  });
});
