import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/client/chat/settings-store';
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
  it('makes the picked reply the next turn, continues with its settings, keeps the other as an alternative', () => {
    const picked = pickComparison([fast, big], 1, true);
    expect(picked.settings).toEqual(big.settings);
    expect(picked.messages.map((m) => m.id)).toEqual(['u0', 'a0', 'p', 'r70']);
    expect(picked.messages.at(-1)?.metadata).toEqual({
      model: 'org/70b',
      state: 'stopped',
      compared: {
        model: 'org/70b',
        blind: true,
        alternatives: [
          { model: 'org/8b', text: '8Bの回答', state: 'done', usage: { inputTokens: 20, outputTokens: 5 } },
        ],
      },
    });
  });

  it('keeps a failed other reply as a failed alternative', () => {
    const failed: ColumnOutcome = { ...big, messages: [...base, prompt, reply('e', '')], status: 'error' };
    const picked = pickComparison([fast, failed], 0, false);
    expect(picked.messages.at(-1)?.metadata?.compared).toEqual({
      model: 'org/8b',
      blind: false,
      alternatives: [{ model: 'org/70b', text: '', state: 'error' }],
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
