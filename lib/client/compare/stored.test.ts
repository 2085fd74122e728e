import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { conversationSchema } from '@/lib/client/storage/conversation-schema';
import { markInterrupted, type Conversation } from '@/lib/client/storage/conversation';
import { fromStoredCompare, toStoredCompare } from './stored';

const MODELS = ['org/8b', 'org/70b'];
const base: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: '前' }], metadata: {} },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: '前の回答' }], metadata: {} },
];
const prompt: ChatMessage = { id: 'p', role: 'user', parts: [{ type: 'text', text: '比べて' }], metadata: {} };
const settings8 = { ...defaultSettings(MODELS), model: 'org/8b' };
const settings70 = { ...defaultSettings(MODELS), model: 'org/70b', temperature: 0.2 };

describe('a comparison saved with its conversation', () => {
  it('keeps both partial replies across a reload: a reply cut off mid-stream reads back as interrupted', () => {
    const stored = toStoredCompare(
      prompt,
      [
        {
          settings: settings8,
          messages: [...base, prompt, { id: 'r8', role: 'assistant', parts: [{ type: 'text', text: '途中' }] }],
          status: 'streaming',
          timing: { ttftMs: 120 },
        },
        {
          settings: settings70,
          messages: [
            ...base,
            prompt,
            {
              id: 'r70',
              role: 'assistant',
              parts: [{ type: 'text', text: '完成' }],
              metadata: { usage: { inputTokens: 9, outputTokens: 2 } },
            },
          ],
          status: 'ready',
          timing: { ttftMs: 300, durationMs: 900 },
        },
      ],
      true,
      ['あなたは誠実で優秀な日本人のアシスタントです。', '簡潔に。'],
    );
    const conversation: Conversation = {
      v: 1,
      id: 'abcdef12',
      title: '前',
      titleEdited: false,
      createdAt: 1,
      updatedAt: 2,
      settings: { model: 'org/8b', temperature: 0.6, topP: 0.9, maxTokens: 512, systemPrompt: 's', presetId: null },
      messages: [
        { id: 'u0', role: 'user', text: '前' },
        { id: 'a0', role: 'assistant', text: '前の回答', state: 'done' },
      ],
      compare: stored,
    };
    // What IndexedDB gives back after a reload: validated, streaming settled.
    const reloaded = markInterrupted(conversationSchema.parse(JSON.parse(JSON.stringify(conversation))));
    const restored = fromStoredCompare(reloaded.compare!, base, MODELS);
    expect(restored.blind).toBe(true);
    expect(restored.prompt.parts).toEqual([{ type: 'text', text: '比べて' }]);
    const [first, second] = restored.columns;
    expect(first.settings).toMatchObject({
      model: 'org/8b',
      systemPrompt: 'あなたは誠実で優秀な日本人のアシスタントです。',
    });
    expect(first.messages.map((m) => m.id)).toEqual(['u0', 'a0', 'p', 'r8']);
    expect(first.messages.at(-1)?.metadata).toEqual({ state: 'interrupted' });
    expect(first.timing).toEqual({ ttftMs: 120 });
    expect(second.settings).toMatchObject({ model: 'org/70b', temperature: 0.2, systemPrompt: '簡潔に。' });
    expect(second.messages.at(-1)?.metadata).toEqual({ usage: { inputTokens: 9, outputTokens: 2 } });
    expect(second.timing).toEqual({ ttftMs: 300, durationMs: 900 });
  });

  it('a column whose request has not answered yet is saved without a reply', () => {
    const stored = toStoredCompare(
      prompt,
      [
        { settings: settings8, messages: [...base, prompt], status: 'submitted', timing: {} },
        { settings: settings70, messages: [...base, prompt], status: 'submitted', timing: {} },
      ],
      false,
      ['a', 'b'],
    );
    expect(stored.columns.map((c) => c.reply)).toEqual([undefined, undefined]);
    expect(fromStoredCompare(stored, base, ['org/70b']).columns[0].settings.model).toBe('org/70b');
  });
});
