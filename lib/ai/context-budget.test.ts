import { describe, expect, it } from 'vitest';
import { fitToContext, loadTokenizer, messageTokensAtMost, utf8Length } from './context-budget';
import type { ChatTurnMessage } from './schema';

/** Tokens of one message in the Llama 3 chat template, counted independently of fitToContext. */
async function countMessageTokens(role: ChatTurnMessage['role'] | 'system', content: string): Promise<number> {
  const template = `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
  return (await loadTokenizer()).encode(template, { bos: false, eos: false }).length;
}

const turn = (user: string, assistant: string): ChatTurnMessage[] => [
  { role: 'user', content: user },
  { role: 'assistant', content: assistant },
];

describe('countMessageTokens', () => {
  it('counts the Llama 3 template exactly: 5 template tokens around the content', async () => {
    // "Hello world" is [9906, 1917] in the Llama 3 vocabulary.
    expect(await countMessageTokens('user', 'Hello world')).toBe(2 + 5);
  });

  it('counts Japanese with the real BPE, not by characters', async () => {
    const text = 'あなたは誠実で優秀な日本人のアシスタントです。';
    const tokens = (await countMessageTokens('system', text)) - 5;
    expect(tokens).toBe(17);
    expect(tokens).toBeLessThan(text.length);
  });
});

describe('fitToContext', () => {
  const long = 'これは長い文章です。'.repeat(200); // 1,201 tokens

  it('keeps everything when it fits, by byte length alone (an upper bound on the tokens)', async () => {
    const messages = [...turn('こんにちは', 'こんにちは！'), { role: 'user' as const, content: '元気？' }];
    const result = await fitToContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 8192 });
    expect(result).toMatchObject({ ok: true, droppedTurns: 0, messages, promptTokensExact: false });
    let exact = 1 + (await countMessageTokens('assistant', '')) - 1 + (await countMessageTokens('system', 'sys'));
    for (const m of messages) exact += await countMessageTokens(m.role, m.content);
    expect(result.promptTokens).toBeGreaterThanOrEqual(exact);
  });

  it('bounds tokens by UTF-8 bytes, never below the real count', async () => {
    expect(utf8Length('aé日😀')).toBe(1 + 2 + 3 + 4);
    for (const text of ['Hello world', 'これは長い文章です。', '😀😀 emoji', '<|eot_id|> special']) {
      expect(messageTokensAtMost('user', text)).toBeGreaterThanOrEqual(await countMessageTokens('user', text));
    }
  });

  it('keeps everything, counted exactly, when only the tokenizer can tell it fits', async () => {
    const text = 'これは長い文章です。'.repeat(50); // 1,500 bytes, ~300 tokens
    const result = await fitToContext({
      system: '',
      messages: [{ role: 'user', content: text }],
      maxTokens: 512,
      contextTokens: 1024,
    });
    expect(result).toMatchObject({ ok: true, droppedTurns: 0, promptTokensExact: true });
  });

  it('drops the oldest whole turns first and reports how many', async () => {
    const messages = [
      ...turn(long, long),
      ...turn('二つ目', long),
      ...turn('三つ目', '短い'),
      { role: 'user' as const, content: '最新' },
    ];
    const result = await fitToContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 1200 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.droppedTurns).toBe(2);
    expect(result.messages.map((m) => m.content)).toEqual(['三つ目', '短い', '最新']);
    expect(result.promptTokens + 512).toBeLessThanOrEqual(1200);
  });

  it('never drops the newest user turn: refuses when it alone cannot fit', async () => {
    const result = await fitToContext({
      system: 'sys',
      messages: [{ role: 'user', content: long.repeat(10) }],
      maxTokens: 512,
      contextTokens: 8192,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.available).toBe(8192 - 512);
    expect(result.promptTokens).toBeGreaterThan(result.available);
  });

  it('counts the system prompt against the budget but never drops it', async () => {
    const messages = [...turn('a', 'b'), { role: 'user' as const, content: 'c' }];
    const withoutSystem = await fitToContext({ system: '', messages, maxTokens: 10, contextTokens: 100 });
    const withSystem = await fitToContext({ system: long, messages, maxTokens: 10, contextTokens: 1400 });
    expect(withoutSystem.ok && withSystem.ok).toBe(true);
    if (withoutSystem.ok && withSystem.ok)
      expect(withSystem.promptTokens).toBeGreaterThan(withoutSystem.promptTokens + 1000);
  });
});
