import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ja from '@/messages/ja.json';
import en from '@/messages/en.json';
import { BUILTIN_PRESETS } from '@/lib/shared/presets/preset';
import { loadTokenizer } from './context-budget';
import { MAX_RUN_CHARS, Pace, TokenCounter, utf8Length } from './token-count';

const encoder = await loadTokenizer();
const exact = (text: string) => encoder.encode(text, { bos: false, eos: false }).length;
const counted = (text: string, limit = Infinity, allowance = Infinity) => {
  const counter = new TokenCounter(encoder, allowance);
  return { tokens: counter.count(text, limit), exact: counter.exact };
};

const MODEL_CARD = path.join(import.meta.dirname, '../../../e2e/fixtures/swallow-model-card-sample.md');
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

/** Random words of letters, kana and kanji (pretokens that never repeat), the same for the same seed. */
function randomText(chars: number, seed: number): string {
  let x = seed;
  return Array.from({ length: chars }, () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const r = x % 10;
    if (r === 0) return ' ';
    if (r < 5) return String.fromCharCode(0x61 + ((x >> 8) % 26));
    if (r < 8) return String.fromCharCode(0x3041 + ((x >> 8) % 80));
    return String.fromCharCode(0x4e00 + ((x >> 8) % 8000));
  }).join('');
}

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
    counter.count(randomText(600, 1), Infinity);
    expect(counter.exact).toBe(false);
    const other = randomText(300, 2);
    expect(counter.count(other, Infinity)).toBe(utf8Length(other));
  });

  it('spends one unit of its allowance on a pretoken it counted before, not one per character', () => {
    const text = SAMPLES['English prose'];
    const repeated = Array.from({ length: 5 }, () => text).join(' ');
    // Five times the text's characters, counted within three times their number.
    const counter = new TokenCounter(encoder, 3 * text.length);
    expect(counter.count(repeated, Infinity)).toBe(exact(repeated));
    expect(counter.exact).toBe(true);
    // Pretokens never met before spend a unit per character: random text runs out.
    const random = randomText(repeated.length, 3);
    const fresh = new TokenCounter(encoder, 3 * text.length);
    expect(fresh.count(random, Infinity)).toBeGreaterThan(exact(random));
    expect(fresh.exact).toBe(false);
  });

  it('measures UTF-8 as the tokenizer sees it (a lone surrogate as U+FFFD)', () => {
    expect(utf8Length('aé日😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800a\udc00')).toBe(3 + 1 + 3);
  });
});

describe('TokenCounter.countPaced', () => {
  const text = JAPANESE_PROSE.repeat(30) + SAMPLES['English prose'].repeat(30);

  it('counts the same as count', async () => {
    const paced = new TokenCounter(encoder, Infinity, new Pace(0));
    expect(await paced.countPaced(text, Infinity)).toBe(exact(text));
    const limited = new TokenCounter(encoder, 3_000, new Pace(0));
    const plain = new TokenCounter(encoder, 3_000);
    expect(await limited.countPaced(text, 2_000)).toBe(plain.count(text, 2_000));
    expect(limited.exact).toBe(plain.exact);
  });

  it('lets the event loop run between its slices, one slice per turn for all counts together', async () => {
    const pace = new Pace(0); // every slice over at once: a turn every PACE_CHECK_EVERY pretokens
    const turns: string[] = [];
    let ticking = true;
    const tick = () => {
      turns.push('tick');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const counts = [0, 1].map((i) =>
      new TokenCounter(encoder, Infinity, pace).countPaced(text, Infinity).then((n) => {
        turns.push(`done ${i}`);
        return n;
      }),
    );
    const [a, b] = await Promise.all(counts);
    ticking = false;
    expect([a, b]).toEqual([exact(text), exact(text)]);
    // Other callbacks ran while both counted (neither held the loop to the end).
    expect(turns.indexOf('done 0')).toBeGreaterThan(10);
    expect(turns.slice(0, turns.indexOf('done 0')).filter((t) => t === 'tick').length).toBeGreaterThan(10);
  });

  it('counts for at most about a slice at a time (main-thread CPU between two turns of the loop)', async () => {
    const pace = new Pace(4);
    // CPU time, not wall time: the machine may be shared, and a descheduled slice lasts longer.
    const cpu = () => {
      const { user, system } = process.threadCpuUsage();
      return (user + system) / 1000;
    };
    const texts = [0, 1, 2, 3].map((i) => randomText(40_000, 10 + i));
    const gaps: number[] = [];
    let last = cpu();
    let ticking = true;
    const tick = () => {
      const now = cpu();
      gaps.push(now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await Promise.all(texts.map((text) => new TokenCounter(encoder, Infinity, pace).countPaced(text, Infinity)));
    ticking = false;
    gaps.sort((x, y) => x - y);
    // The loop turned often for the CPU the counts took (a turn per ~4 ms slice: at least one per
    // 10 ms, however fast the machine counts), and a turn waited for about one slice, not for the counts.
    const total = gaps.reduce((sum, gap) => sum + gap, 0);
    expect(gaps.length).toBeGreaterThan(Math.max(4, total / 10));
    expect(gaps[Math.floor(gaps.length * 0.9)]).toBeLessThan(10);
  });
});
