import { beforeAll, describe, expect, it } from 'vitest';
import { fitToContext, loadTokenizer, messageTokensAtMost, utf8Length } from './context-budget';
import type { ChatTurnMessage } from '../schemas/chat-request';

/** Tokens of one message in the Llama 3 chat template, counted independently of fitToContext. */
async function countMessageTokens(role: ChatTurnMessage['role'] | 'system', content: string): Promise<number> {
  const template = `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
  return (await loadTokenizer()).encode(template, { bos: false, eos: false }).length;
}

// Building the vocabulary takes seconds on a busy machine: not within the first test's timeout.
beforeAll(() => loadTokenizer().then(() => undefined), 30_000);

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

  it('counts a message as its template plus its trimmed content, as encoding the rendered message does', async () => {
    const contents = [
      'Hello world',
      '  東京の春は桜が美しく、上野公園には毎年たくさんの人が訪れます。  ',
      '```ts\nconst x = 1;\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |',
      '\r\n indented after CRLF\r\n',
      '<|eot_id|> starts with a special token',
      '',
    ];
    for (const role of ['system', 'user', 'assistant'] as const) {
      for (const content of contents) {
        const messages: ChatTurnMessage[] = [{ role: 'user', content: role === 'system' ? 'x' : content }];
        if (role === 'assistant') messages.unshift({ role: 'user', content: 'q' }, { role: 'assistant', content });
        else if (role === 'user') messages.unshift({ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' });
        const system = role === 'system' ? content : 'sys';
        let exact = 1 + (await countMessageTokens('assistant', '')) - 1;
        if (system.trim()) exact += await countMessageTokens('system', system);
        for (const m of messages) exact += await countMessageTokens(m.role, m.content);
        // A window of exactly the prompt plus max_tokens: its bytes do not fit, its tokens just do.
        const result = await fitToContext({ system, messages, maxTokens: 10, contextTokens: exact + 10 });
        expect(result).toMatchObject({ ok: true, droppedTurns: 0, promptTokens: exact, promptTokensExact: true });
        const tighter = await fitToContext({ system, messages, maxTokens: 10, contextTokens: exact + 9 });
        expect(tighter).toMatchObject(role === 'system' ? { ok: false } : { ok: true, droppedTurns: 1 });
      }
    }
  });
});

describe('fitToContext on bodies built to cost CPU (issue 17)', () => {
  const body = (content: (i: number) => string) =>
    Array.from({ length: 31 }, (_, i) => ({ role: 'user' as const, content: content(i) }));
  const budget = { system: 'sys', maxTokens: 512, contextTokens: 8192 };
  let seed = 1;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomText = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');

  it('31 messages of 31,000 "a": keeps the newest (3,875 tokens) and drops the other 30', async () => {
    const messages = body((i) => `${i}${'a'.repeat(31_000)}`);
    const result = await fitToContext({ ...budget, messages });
    expect(result).toMatchObject({ ok: true, droppedTurns: 30, promptTokensExact: false });
    if (!result.ok) return;
    expect(result.messages).toEqual(messages.slice(30));
    expect(result.promptTokens).toBeLessThanOrEqual(8192 - 512);
    expect(result.promptTokens).toBeGreaterThan(3875);
  });

  it('31 messages of 31,000 random letters or kanji: the newest alone does not fit', async () => {
    for (const alphabet of ['abcdefghijklmnopqrstuvwxyz', '日本語漢字東京大学言語模型学習生成春夏秋冬花鳥風月']) {
      const text = randomText(alphabet, 31_000);
      const messages = body((i) => `${i}${text}`);
      const result = await fitToContext({ ...budget, messages });
      expect(result).toMatchObject({ ok: false, available: 8192 - 512 });
      if (!result.ok) expect(result.promptTokens).toBeGreaterThan(result.available);
    }
  });

  it('whitespace runs: counted in pieces, turns kept while they fit', async () => {
    const messages = body((i) => `start ${i}${' \t'.repeat(1000)}\n${' '.repeat(20_000)}end`);
    const result = await fitToContext({ ...budget, messages });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.droppedTurns).toBeGreaterThan(0);
    expect(result.droppedTurns).toBeLessThan(30);
    expect(result.promptTokens).toBeLessThanOrEqual(8192 - 512);
  });

  it('an old turn over the budget ends the count: newer turns kept, it and everything older dropped', async () => {
    const messages: ChatTurnMessage[] = [
      ...turn('最初', '短い'),
      ...turn(randomText('abcdefghijklmnopqrstuvwxyz', 30_000), 'ok'),
      ...turn('三つ目', '短い'),
      { role: 'user', content: '最新' },
    ];
    const result = await fitToContext({ ...budget, messages });
    expect(result).toMatchObject({ ok: true, droppedTurns: 2, promptTokensExact: true });
    if (result.ok) expect(result.messages.map((m) => m.content)).toEqual(['三つ目', '短い', '最新']);
  });
});
