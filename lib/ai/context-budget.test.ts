import { describe, expect, it } from 'vitest';
import { countMessageTokens, fitToContext } from './context-budget';
import type { ChatTurnMessage } from './schema';

const turn = (user: string, assistant: string): ChatTurnMessage[] => [
  { role: 'user', content: user },
  { role: 'assistant', content: assistant },
];

describe('countMessageTokens', () => {
  it('counts the Llama 3 template exactly: 5 template tokens around the content', () => {
    // "Hello world" is [9906, 1917] in the Llama 3 vocabulary.
    expect(countMessageTokens('user', 'Hello world')).toBe(2 + 5);
  });

  it('counts Japanese with the real BPE, not by characters', () => {
    const text = 'あなたは誠実で優秀な日本人のアシスタントです。';
    const tokens = countMessageTokens('system', text) - 5;
    expect(tokens).toBe(17);
    expect(tokens).toBeLessThan(text.length);
  });
});

describe('fitToContext', () => {
  const long = 'これは長い文章です。'.repeat(200); // 1,201 tokens

  it('keeps everything when it fits', () => {
    const messages = [...turn('こんにちは', 'こんにちは！'), { role: 'user' as const, content: '元気？' }];
    const result = fitToContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 8192 });
    expect(result).toMatchObject({ ok: true, droppedTurns: 0, messages });
  });

  it('drops the oldest whole turns first and reports how many', () => {
    const messages = [...turn(long, long), ...turn('二つ目', long), ...turn('三つ目', '短い'), { role: 'user' as const, content: '最新' }];
    const result = fitToContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 1200 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.droppedTurns).toBe(2);
    expect(result.messages.map((m) => m.content)).toEqual(['三つ目', '短い', '最新']);
    expect(result.promptTokens + 512).toBeLessThanOrEqual(1200);
  });

  it('never drops the newest user turn: refuses when it alone cannot fit', () => {
    const result = fitToContext({ system: 'sys', messages: [{ role: 'user', content: long.repeat(10) }], maxTokens: 512, contextTokens: 8192 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.available).toBe(8192 - 512);
    expect(result.promptTokens).toBeGreaterThan(result.available);
  });

  it('counts the system prompt against the budget but never drops it', () => {
    const messages = [...turn('a', 'b'), { role: 'user' as const, content: 'c' }];
    const withoutSystem = fitToContext({ system: '', messages, maxTokens: 10, contextTokens: 100 });
    const withSystem = fitToContext({ system: long, messages, maxTokens: 10, contextTokens: 8192 });
    expect(withoutSystem.ok && withSystem.ok).toBe(true);
    if (withoutSystem.ok && withSystem.ok) expect(withSystem.promptTokens).toBeGreaterThan(withoutSystem.promptTokens + 1000);
  });
});
