import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './types';
import { conversationSettingsSchema } from '@/lib/client/storage/conversation-schema';
import { fromConversationSettings, fromStoredMessages, toConversationSettings, toStoredMessages } from './convert';

const messages = [
  { id: 'u', role: 'user', parts: [{ type: 'text', text: '質問' }] },
  {
    id: 'a',
    role: 'assistant',
    parts: [{ type: 'text', text: '途中まで' }],
    metadata: { usage: { inputTokens: 3, outputTokens: 2 } },
  },
] as ChatMessage[];

describe('toStoredMessages', () => {
  it('saves the reply being streamed as "streaming", a finished one as "done"', () => {
    expect(toStoredMessages(messages, 'streaming')[1]).toMatchObject({ text: '途中まで', state: 'streaming' });
    expect(toStoredMessages(messages, 'ready')[1]).toMatchObject({
      state: 'done',
      usage: { inputTokens: 3, outputTokens: 2 },
    });
    expect(toStoredMessages(messages, 'error')[1].state).toBe('error');
  });

  it('keeps a stopped reply stopped', () => {
    const stopped = [messages[0], { ...messages[1], metadata: { state: 'stopped' } }] as ChatMessage[];
    expect(toStoredMessages(stopped, 'ready')[1].state).toBe('stopped');
  });
});

describe('fromStoredMessages', () => {
  it('round-trips text, state and usage', () => {
    const back = fromStoredMessages([
      { id: 'u', role: 'user', text: '質問' },
      { id: 'a', role: 'assistant', text: '途中', state: 'interrupted', usage: { outputTokens: 1 } },
    ]);
    expect(back[1]).toEqual({
      id: 'a',
      role: 'assistant',
      parts: [{ type: 'text', text: '途中' }],
      metadata: { state: 'interrupted', usage: { outputTokens: 1 } },
    });
    expect(back[0].metadata).toEqual({});
  });
});

describe('a conversation remembers its reasoning controls', () => {
  it('saves and reads back the effort and the think switch; older records without them read as before', () => {
    const base = { model: 'm', temperature: 0.6, topP: 0.9, maxTokens: 512, systemPrompt: null, presetId: null };
    const saved = toConversationSettings({ ...base, reasoningEffort: 'high', thinking: false }, 'sys');
    const parsed = conversationSettingsSchema.parse(JSON.parse(JSON.stringify(saved)));
    expect(fromConversationSettings(parsed, ['m'])).toMatchObject({ reasoningEffort: 'high', thinking: false });
    const older = toConversationSettings(base, 'sys');
    expect(older).not.toHaveProperty('reasoningEffort');
    expect(conversationSettingsSchema.safeParse(older).success).toBe(true);
    expect(conversationSettingsSchema.safeParse({ ...older, reasoningEffort: 'max' }).success).toBe(false);
  });
});

describe('fromConversationSettings', () => {
  it('falls back to the default model when the saved one is gone', () => {
    const saved = { model: 'gone', temperature: 0.1, topP: 0.5, maxTokens: 10, systemPrompt: 'x', presetId: null };
    expect(fromConversationSettings(saved, ['m1', 'm2'])).toEqual({ ...saved, model: 'm1' });
  });
});

describe('a failed reply', () => {
  it('is saved with its error and read back with it, an empty one without a text part', () => {
    const failed = [
      messages[0],
      { id: 'e', role: 'assistant', parts: [], metadata: { state: 'error', error: 'Failed to fetch' } },
    ] as ChatMessage[];
    const stored = toStoredMessages(failed, 'ready');
    expect(stored[1]).toEqual({ id: 'e', role: 'assistant', text: '', state: 'error', error: 'Failed to fetch' });
    expect(fromStoredMessages(stored)[1]).toEqual(failed[1]);
  });
});
