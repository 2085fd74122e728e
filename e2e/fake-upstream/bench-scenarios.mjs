// Scenarios for `npm run bench` (bench/): paced like a real model, and long Markdown replies of
// realistic shape (Japanese prose, code blocks, tables). Deterministic: no randomness.
import { tokenize } from './protocol.mjs';

/** NVIDIA-style stream: role chunk, one chunk per token with cumulative usage, then [DONE]. */
async function streamPaced(s, tokens, { firstDelayMs, delayMs }) {
  s.open();
  await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
  for (const [i, token] of tokens.entries()) {
    await s.sleep(i === 0 ? firstDelayMs : delayMs);
    await s.send(
      s.chunk({ content: token }, { finishReason: i === tokens.length - 1 ? 'stop' : null, completionTokens: i + 1 }),
    );
  }
  await s.done();
  s.end();
}

const PROSE = [
  'スワローは日本語に強い大規模言語モデルで、Llama 3.1 を基に継続事前学習されています。',
  '応答はトークンごとに画面へ届き、読み手は生成の途中から内容を追うことができます。',
  '東京の春は桜が美しく、上野公園や目黒川には毎年たくさんの人が花見に訪れます。',
  '性能を測るときは、同じ条件で直接の経路と比べることが大切です。',
  'This paragraph mixes in some English, as real answers often do, with `inline code` and **bold** text.',
];

const CODE = [
  '```ts',
  'export async function* readTokens(stream: ReadableStream<string>): AsyncGenerator<string> {',
  '  const reader = stream.getReader();',
  '  for (;;) {',
  '    const { done, value } = await reader.read();',
  '    if (done) return;',
  '    yield value; // トークンを一つずつ返す',
  '  }',
  '}',
  '```',
];

const TABLE = [
  '| 項目 | 説明 | 値 |',
  '| --- | --- | ---: |',
  '| モデル | Swallow 8B Instruct | 8B |',
  '| 文脈長 | 最大トークン数 | 8192 |',
  '| 温度 | サンプリングの温度 | 0.6 |',
];

/** Section `n` of the Markdown reply: heading, prose, list, and every third one a code block or table. */
function section(n) {
  const lines = [
    `## 第${n + 1}節 ストリーミングの検証`,
    '',
    PROSE[n % PROSE.length] + PROSE[(n + 1) % PROSE.length],
    '',
  ];
  lines.push(`- 要点${n + 1}の一：${PROSE[(n + 2) % PROSE.length]}`, `- 要点${n + 1}の二：短く、正確に`, '');
  if (n % 3 === 0) lines.push(...CODE, '');
  if (n % 3 === 1) lines.push(...TABLE, '');
  return lines.join('\n');
}

/** A Markdown reply of exactly `count` tokens, ending with a marker the bench waits for. */
export function markdownTokens(count) {
  let text = '';
  for (let n = 0; tokenize(text).length < count + 8; n += 1) text += section(n) + '\n';
  const tokens = tokenize(text).slice(0, count - 1);
  tokens.push('\n\nEND-OF-REPLY');
  return tokens;
}

function cycle(words, count) {
  return Array.from({ length: count }, (_, i) => words[i % words.length]);
}

const PACED_WORDS = ['これは', 'ベンチ', 'マーク', '用の', '一定', '間隔', 'の', 'トークン', 'です', '。'];
/** Tokens of the `paced30` reply, exported so the bench can check every reply arrived whole and in order. */
export const PACED30_TOKENS = Array.from({ length: 60 }, (_, i) => `${PACED_WORDS[i % PACED_WORDS.length]}${i}|`);

const markdownCache = new Map();
const markdownScenario = (count, delayMs) => ({
  run: (s) => {
    if (!markdownCache.has(count)) markdownCache.set(count, markdownTokens(count));
    return streamPaced(s, markdownCache.get(count), { firstDelayMs: 50, delayMs });
  },
});

/** @type {Record<string, { run: (s: any) => Promise<void> }>} */
export const BENCH_SCENARIOS = {
  // A chat at ~30 tokens/s: first token after 50 ms, then one every 33 ms, 60 in all (~2 s).
  paced30: { run: (s) => streamPaced(s, PACED30_TOKENS, { firstDelayMs: 50, delayMs: 33 }) },
  // The same pace for 6 s (180 tokens): the scaling section's concurrent streams.
  'paced30-long': {
    run: (s) => streamPaced(s, cycle(PACED30_TOKENS, 180), { firstDelayMs: 50, delayMs: 33 }),
  },
  // Markdown replies streamed at ~1,000 tokens/s (one token a millisecond).
  'md-1k': markdownScenario(1000, 1),
  'md-4k': markdownScenario(4000, 1),
  'md-16k': markdownScenario(16000, 1),
  // The same 1k reply at full speed.
  'md-1k-fast': markdownScenario(1000, 0),
  // 1,000 chunks 2 ms apart: each arrives in its own network read, so none are merged and the
  // server pays its whole per-chunk path for every one (what a real model's stream costs).
  'paced-cpu': {
    run: (s) => streamPaced(s, cycle(['一つ', 'ずつ', '届く', '応答', '。'], 1000), { firstDelayMs: 0, delayMs: 2 }),
  },
  // A real model's pace (~250 tokens/s): 650 chunks 4 ms apart, one per read. The token-cost
  // section streams it through the pipe, bare streamText and our routes side by side.
  paced4: {
    run: (s) => streamPaced(s, cycle(['一つ', 'ずつ', '届く', '応答', '。'], 650), { firstDelayMs: 0, delayMs: 4 }),
  },
  // 2,000+ chunks as fast as backpressure allows, like `long`, kept for symmetry.
  long2k: {
    run: (s) => streamPaced(s, cycle(['長い', '応答', 'の', '一部', '、'], 2400), { firstDelayMs: 0, delayMs: 0 }),
  },
};
