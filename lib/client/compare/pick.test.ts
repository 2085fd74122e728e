import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { canPick, pickComparison, type ColumnOutcome } from './pick';

const MODELS = ['org/8b', 'org/70b'];
const base: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: '前の質問' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: '前の回答' }] },
];
const prompt: ChatMessage = { id: 'p', role: 'user', parts: [{ type: 'text', text: '比べたい質問' }] };
const reply = (id: string, text: string, metadata: ChatMessage['metadata'] = {}): ChatMessage => ({
  id,
  role: 'assistant',
  parts: [{ type: 'text', text }],
  metadata,
});

const fast: ColumnOutcome = {
  settings: { ...defaultSettings(MODELS), model: 'org/8b' },
  messages: [
    ...base,
    prompt,
    reply('r8', '8Bの回答', { model: 'org/8b', usage: { inputTokens: 20, outputTokens: 5 } }),
  ],
  status: 'ready',
};
const big: ColumnOutcome = {
  settings: { ...defaultSettings(MODELS), model: 'org/70b', temperature: 0.2, systemPrompt: '簡潔に。' },
  messages: [...base, prompt, reply('r70', '70Bの回答', { model: 'org/70b', state: 'stopped' })],
  status: 'ready',
};

describe('pickComparison', () => {
  it('makes the picked reply the next turn, continues with its settings, keeps the other as a version', () => {
    const picked = pickComparison([fast, big], 1, true);
    expect(picked.settings).toEqual(big.settings);
    expect(picked.messages.map((m) => m.id)).toEqual(['u0', 'a0', 'p', 'r70']);
    expect(picked.messages.at(-1)?.metadata).toEqual({
      model: 'org/70b',
      state: 'stopped',
      compared: {
        model: 'org/70b',
        blind: true,
        alternatives: [],
      },
    });
    expect(picked.others).toEqual([
      reply('r8', '8Bの回答', {
        model: 'org/8b',
        usage: { inputTokens: 20, outputTokens: 5 },
        compared: { model: 'org/8b', blind: true, alternatives: [], notPicked: true },
      }),
    ]);
  });

  it('keeps a failed other reply with its text as a failed version, and none that failed before a word', () => {
    const failed: ColumnOutcome = { ...big, messages: [...base, prompt, reply('e', '')], status: 'error' };
    expect(pickComparison([fast, failed], 0, false).others).toEqual([]);
    const partial: ColumnOutcome = { ...big, messages: [...base, prompt, reply('e', '途中まで')], status: 'error' };
    expect(pickComparison([fast, partial], 0, false).others[0]?.metadata).toMatchObject({
      state: 'error',
      model: 'org/70b',
    });
  });

  it('refuses a column still streaming, failed or without a reply', () => {
    expect(canPick(fast)).toBe(true);
    expect(canPick({ ...fast, status: 'streaming' })).toBe(false);
    expect(canPick({ ...fast, messages: [...base, prompt] })).toBe(false);
    expect(canPick({ ...fast, messages: [...base, prompt, reply('x', '  ')] })).toBe(false);
    expect(() => pickComparison([fast, { ...big, messages: [...base, prompt] }], 1, false)).toThrow();
  });
});
