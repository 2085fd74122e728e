import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/client/chat/types';
import { blockProps, sameRows } from './MessageList';

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
const list = (messages: ChatMessage[], chatStatus: 'streaming' | 'ready' | 'error' = 'streaming') => ({
  messages,
  chatStatus,
  error: chatStatus === 'error' ? new Error('upstream') : undefined,
  failedId: chatStatus === 'error' ? messages.at(-1)!.id : undefined,
  ...handlers,
});
const block = (messages: ChatMessage[], from: number, to: number, chatStatus?: 'streaming' | 'ready' | 'error') =>
  blockProps(list(messages, chatStatus), from, Math.min(to, messages.length));

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

  it('a message added renders again the last block only, and a block whose rows come within the newest', () => {
    const next = [...conversation, message('u120')];
    expect(sameRows(block(conversation, 0, 50), block(next, 0, 50))).toBe(true);
    expect(sameRows(block(conversation, 50, 100), block(next, 50, 100))).toBe(true);
    expect(sameRows(block(conversation, 100, 150), block(next, 100, 150))).toBe(false);
    // 105 → 106 messages: row 97 leaves the newest 8 (rendered at once) of block 50-100.
    const short = conversation.slice(0, 105);
    expect(block(short, 50, 100).eagerFrom).toBe(97);
    expect(sameRows(block(short, 50, 100), block(conversation.slice(0, 106), 50, 100))).toBe(false);
  });

  it("gives the chat's status and error to the block of the last message only", () => {
    expect(sameRows(block(conversation, 0, 50, 'streaming'), block(conversation, 0, 50, 'ready'))).toBe(true);
    expect(sameRows(block(conversation, 0, 50, 'streaming'), block(conversation, 0, 50, 'error'))).toBe(true);
    expect(block(conversation, 0, 50, 'error')).toMatchObject({ lastIndex: -1, error: undefined, failedId: undefined });
    expect(sameRows(block(conversation, 100, 150, 'streaming'), block(conversation, 100, 150, 'ready'))).toBe(false);
    expect(block(conversation, 100, 150, 'error')).toMatchObject({ lastIndex: 119, failedId: 'a119' });
  });

  it('renders again on any other prop', () => {
    expect(sameRows(block(conversation, 0, 50), { ...block(conversation, 0, 50), onDelete: () => {} })).toBe(false);
  });
});
