import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ja from '@/messages/ja.json';
import en from '@/messages/en.json';
import { BUILTIN_PRESETS } from '@/lib/presets/builtin';
import { loadTokenizer } from './context-budget';
import { MAX_RUN_CHARS, TokenCounter, utf8Length } from './token-count';

const encoder = await loadTokenizer();
const exact = (text: string) => encoder.encode(text, { bos: false, eos: false }).length;
const counted = (text: string, limit = Infinity, allowance = Infinity) => {
  const counter = new TokenCounter(encoder, allowance);
  return { tokens: counter.count(text, limit), exact: counter.exact };
};

const MODEL_CARD = path.join(import.meta.dirname, 'testdata', 'swallow-model-card-sample.md');
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);

const JAPANESE_PROSE = [
  '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。',
  '東京の春は桜が美しく、上野公園や目黒川には毎年たくさんの人が花見に訪れます。週末になると、川沿いの道は朝から夜まで人であふれ、屋台の明かりが水面に映ります。',
  '大規模言語モデルは、与えられた文脈から次のトークンを予測することで文章を生成します。文脈の長さには上限があるため、長い会話では古いやり取りを送らないことがあります。',
].join('\n\n');

const MARKDOWN = `# 設定の説明

Swallow Chat では、**温度**や \`max_tokens\` を「設定」パネルで変えられます。

| 項目 | 説明 | 既定値 |
| --- | --- | ---: |
| 温度 | サンプリングの温度 | 0.6 |
| 最大トークン数 | 一回の応答の長さ | 1024 |

\`\`\`ts
export async function* readTokens(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value; // トークンを一つずつ返す
  }
}
\`\`\`

1. First, open the settings panel.
2. Then pick a model: \`llama-3.1-swallow-8b-instruct-v0.1\`.
   - It's the default; it'll answer in Japanese or English.
`;

const SAMPLES: Record<string, string> = {
  'Japanese prose': JAPANESE_PROSE,
  'English prose':
    "The quick brown fox jumps over the lazy dog. It's a sentence that's been used since the 1880s, " +
    "and we'll keep using it: they've tested typewriters, fonts and keyboards with it. Don't ask why.",
  'Markdown with code and a table': MARKDOWN,
  'mixed Japanese and English':
    'Llama 3.1 Swallow は日本語に強いモデルです (8B / 70B)。Try: 「こんにちは、元気？」 → "Hello!"',
  emoji: '今日はいい天気 ☀️🌸！ Family: 👨‍👩‍👧‍👦, flags 🇯🇵🇺🇸, skin tones 👍🏽, ZWJ 🧑‍💻 and 😀😀😀',
  CRLF: 'line one\r\nline two\r\n\r\n  indented\r\n\tand a tab\r\nend',
  'whitespace runs under the cap': `a${' '.repeat(60)}b${'\n'.repeat(30)}c${'\t'.repeat(40)}d ${' \n'.repeat(20)}e`,
  'digits and punctuation': '1234567890 3.14159, 1,000,000円; (a+b)*c=d!? -- ... ——— 【注】※ 〒100-0001 #tag @user',
  'special tokens in text': 'before <|eot_id|> between <|start_header_id|>user<|end_header_id|> after <|not_special|>',
  'UI messages (ja)': strings(ja).join('\n'),
  'UI messages (en)': strings(en).join('\n'),
  'built-in presets': JSON.stringify(BUILTIN_PRESETS, null, 2),
};

describe('TokenCounter', () => {
  it.each(Object.entries(SAMPLES))('counts %s exactly', (_, text) => {
    expect(counted(text)).toEqual({ tokens: exact(text), exact: true });
  });

  it('counts the Swallow model card (Markdown, tables, links, benchmark figures) exactly', () => {
    const card = readFileSync(MODEL_CARD, 'utf8');
    expect(card.length).toBeGreaterThan(4000);
    expect(counted(card)).toEqual({ tokens: exact(card), exact: true });
  });

  it('counts random text of letters, digits, spaces, newlines, tabs, punctuation, kana, kanji and emoji exactly', () => {
    const pieces = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
      ...'0123456789',
      ...'     \n\n\t\r',
      ...'.,;:!?\'"()[]{}<>|/\\-_=+*&^%$#@~`',
      ...'、。「」・ー？！（）',
      ...'あいうえおかきくけこさしすせそアイウエオカキクケコンヴ',
      ...'日本語漢字東京大学言語模型学習生成',
      ...['😀', '🌸', '👍🏽', '🇯🇵', '\u200d', 'é', 'ß', 'Ж', 'ñ'],
      "'s",
      "'ll",
      '<|eot_id|>',
    ];
    let seed = 17;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const length = 1 + random(300);
      let text = '';
      while (text.length < length) text += pieces[random(pieces.length)];
      expect(counted(text), JSON.stringify(text)).toEqual({ tokens: exact(text), exact: true });
    }
  });

  it('stops once over its limit and returns a count above it', () => {
    const text = JAPANESE_PROSE.repeat(20);
    const full = exact(text);
    const { tokens } = counted(text, 100);
    expect(tokens).toBeGreaterThan(100);
    expect(tokens).toBeLessThan(full / 2);
    expect(counted(text, -1).tokens).toBeGreaterThan(-1);
  });

  it('counts runs longer than MAX_RUN_CHARS in pieces, close to the exact count', () => {
    for (const run of ['a'.repeat(1000), ' '.repeat(500) + 'x', '!'.repeat(700), 'ab'.repeat(300), '漢'.repeat(200)]) {
      const result = counted(run);
      expect(result.exact).toBe(false);
      expect(Math.abs(result.tokens - exact(run))).toBeLessThanOrEqual(Math.ceil(run.length / MAX_RUN_CHARS));
    }
  });

  it('never splits a surrogate pair between pieces', () => {
    const emoji = '😀'.repeat(100); // one pretoken of 200 UTF-16 units
    const result = counted(emoji);
    // Split in the middle of a pair, the halves would count as U+FFFD (3 bytes) each.
    expect(result.tokens).toBeLessThanOrEqual(exact(emoji) + Math.ceil(emoji.length / MAX_RUN_CHARS));
    expect(result.tokens).toBeGreaterThanOrEqual(exact(emoji));
  });

  it('counts by UTF-8 length once its character allowance is spent: an upper bound', () => {
    const text = SAMPLES['English prose'].repeat(10);
    const result = counted(text, Infinity, 200);
    expect(result.exact).toBe(false);
    expect(result.tokens).toBeGreaterThan(exact(text));
    expect(result.tokens).toBeLessThanOrEqual(utf8Length(text));
  });

  it('shares the allowance across the texts it counts', () => {
    const counter = new TokenCounter(encoder, 500);
    const text = SAMPLES['English prose'];
    expect(counter.count(text, Infinity)).toBe(exact(text));
    counter.count(text.repeat(3), Infinity);
    expect(counter.exact).toBe(false);
    expect(counter.count(text, Infinity)).toBe(utf8Length(text));
  });

  it('measures UTF-8 as the tokenizer sees it (a lone surrogate as U+FFFD)', () => {
    expect(utf8Length('aé日😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800a\udc00')).toBe(3 + 1 + 3);
  });
});
