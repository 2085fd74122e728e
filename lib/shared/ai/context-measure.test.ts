import { beforeAll, describe, expect, it } from 'vitest';
import {
  fitRequestToContext,
  fitToContext,
  loadFamily,
  loadTokenizer,
  measureContext,
  type TurnMessage,
} from './context-budget';
import { composeUserTurn } from './turns';

// Building the vocabulary takes seconds on a busy machine: not within the first test's timeout.
beforeAll(() => loadTokenizer().then(() => undefined), 30_000);

const encode = async (text: string) => (await loadTokenizer()).encode(text, { bos: false, eos: false }).length;
const rendered = (role: string, content: string) =>
  `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
const header = '<|start_header_id|>assistant<|end_header_id|>\n\n';
const long = 'これは長い文章です。'.repeat(200); // 1,201 tokens
const turn = (user: string, assistant: string): TurnMessage[] => [
  { role: 'user', content: user },
  { role: 'assistant', content: assistant },
];

describe('measureContext (the context meter)', () => {
  it('adds up BOS, system, every turn and the reply header exactly; max_tokens is the rest', async () => {
    const encoder = await loadFamily('llama3');
    const system = 'あなたは誠実で優秀な日本人のアシスタントです。';
    const draft = composeUserTurn('要約して', [{ name: '議事録.txt', text: '第1回 定例会議の議事録です。' }]);
    const messages: TurnMessage[] = [...turn('こんにちは', 'こんにちは！'), { role: 'user', content: draft }];
    const measure = measureContext({ system, messages, maxTokens: 512, contextTokens: 8192 }, encoder);
    const expected =
      1 +
      (await encode(rendered('system', system))) +
      (await encode(rendered('user', 'こんにちは'))) +
      (await encode(rendered('assistant', 'こんにちは！'))) +
      (await encode(rendered('user', draft))) +
      (await encode(header));
    expect(measure.promptTokens).toBe(expected);
    expect(measure.turnTokens).toHaveLength(2);
    expect(measure).toMatchObject({ droppedTurns: 0, overBy: 0, maxTokens: 512, contextTokens: 8192 });
  });

  it('over the window: by how much, counting the newest turn in full (nothing dropped silently)', async () => {
    const encoder = await loadFamily('llama3');
    const messages: TurnMessage[] = [...turn('a', 'b'), { role: 'user', content: long.repeat(4) }];
    const measure = measureContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 4096 }, encoder);
    const newest = await encode(rendered('user', long.repeat(4)));
    expect(measure.promptTokens).toBe(measure.baseTokens + newest);
    expect(measure.overBy).toBe(measure.baseTokens + newest + 512 - 4096);
    expect(measure.overBy).toBeGreaterThan(0);
    expect(measure.droppedTurns).toBe(0);
    // Lowering max_tokens by the excess makes it fit exactly.
    const lowered = measureContext(
      { system: 'sys', messages, maxTokens: 512 - measure.overBy, contextTokens: 4096 },
      encoder,
    );
    expect(lowered.overBy).toBe(0);
    const server = await fitToContext({ system: 'sys', messages, maxTokens: 512, contextTokens: 4096 });
    expect(server.ok).toBe(false);
  });

  it('drops the same oldest turns the server drops', async () => {
    const encoder = await loadFamily('llama3');
    const messages: TurnMessage[] = [
      ...turn(long, long),
      ...turn('二つ目', long),
      ...turn('三つ目', '短い'),
      { role: 'user', content: '最新' },
    ];
    for (const contextTokens of [700, 1200, 2000, 3000, 5000]) {
      const input = { system: 'sys', messages, maxTokens: 512, contextTokens };
      const server = await fitToContext(input);
      const measure = measureContext(input, encoder);
      expect(measure.droppedTurns).toBe(server.ok ? server.droppedTurns : 0);
      expect(measure.overBy > 0).toBe(!server.ok);
      if (server.ok && server.promptTokensExact) expect(measure.promptTokens).toBe(server.promptTokens);
    }
  });

  it('the server budgets documents composed into their user turn', async () => {
    const request = {
      messages: [{ role: 'user' as const, content: 'まとめて', documents: [{ name: 'a.txt', text: long.repeat(4) }] }],
      model: 'm',
      system: '',
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
    };
    const refused = await fitRequestToContext(request, 4096);
    expect(refused.ok).toBe(false);
    const fits = await fitRequestToContext(request, 8192);
    expect(fits.ok && fits.messages[0].content).toBe(composeUserTurn('まとめて', request.messages[0].documents));
  });
});
