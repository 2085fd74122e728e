// Streaming scenarios, chosen by `[[scenario:NAME]]` in the last user message.
// Each `run(stream)` writes one whole response through the writer from protocol.mjs; `text(body)`
// (where given) is the reply a non-streaming request gets instead of the plain one.
import { lastUserText, tokenize } from './protocol.mjs';
import { JAPANESE_SCENARIOS } from './japanese.mjs';
import { showcaseReply } from './showcase.mjs';
import { SERVER_WIRES, wireScenario } from './servers.mjs';
import { MATH_TEXT, MERMAID_TEXT_WITH_BROKEN } from './rich.mjs';

export const UTF8_SPLIT_TEXT = 'お寿司🍣が大好きです。築地の鮪は絶品でした！東京🗼の夜景も綺麗。';
export const MALFORMED_TEXT = '壊れかけに見えるストリームでも、正しく読めます。';
/** Markdown a hostile model (or prompt) could produce: none of it may run or become an element. */
export const XSS_TEXT = [
  'XSS-PROBE-START',
  '<script>window.__xss = 1; alert("script")</script>',
  '<img src="x" onerror="window.__xss = 2; alert(\'img\')">',
  '<svg onload="window.__xss = 3; alert(\'svg\')"><script>alert("svg-script")</script></svg>',
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  "[javascript link](javascript:alert('link')) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vbscript link](vbscript:msgbox(1))",
  "![image with js](javascript:alert('img-md')) <a href=\"javascript:alert('a')\">raw link</a>",
  "<details open ontoggle=\"alert('details')\">x</details> <math><mtext><table><mglyph><style><img src=x onerror=alert('math')>",
  'XSS-PROBE-END',
].join('\n\n');
/** A reasoning model's thinking and answer (scenarios reasoning-field and reasoning-think). */
export const REASONING_PIECES = ['ユーザーは挨拶している。', '丁寧に、', '短く返そう。'];
export const REASONING_ANSWER = 'こんにちは！今日はどんなご用件でしょうか。';
export const SLOW_INTERVAL_MS = 200;
const SLOW_TOTAL_MS = 60_000;

/** The default reply: echoes the user, with a heading, a list, a GFM table and a ts code block. */
export function plainReply(body) {
  const echo =
    lastUserText(body)
      .replace(/\[\[[^\]]*\]\]/g, '')
      .trim() || '（空のメッセージ）';
  return [
    `了解しました。「${echo}」についてお答えします。`,
    '',
    '## 見出し',
    '',
    '- 要点その一：短く答えます',
    '- 要点その二：例を挙げます',
    '- 要点その三：表とコードを付けます',
    '',
    '| 項目 | 値 |',
    '| --- | --- |',
    '| モデル | Swallow 8B |',
    '| 文脈長 | 8192 |',
    '',
    '```ts',
    "const greeting: string = 'こんにちは';",
    'export function greet(name: string): string {',
    '  return `${greeting}、${name}さん`;',
    '}',
    '```',
  ].join('\n');
}

/** The sampling parameters and system prompt the upstream received, as compact JSON. */
function echoRequestText(body) {
  const system = Array.isArray(body.messages) ? body.messages.find((m) => m?.role === 'system') : undefined;
  const { model = null, temperature = null, top_p = null, max_tokens = null, stop = null } = body;
  return JSON.stringify({ model, temperature, top_p, max_tokens, stop, system: system?.content ?? null });
}

function cycle(words, count) {
  return Array.from({ length: count }, (_, i) => words[i % words.length]);
}

/**
 * NVIDIA style: a role chunk, one chunk per token with the cumulative usage repeated on every
 * chunk, finish_reason "stop" on the last content chunk, then `data: [DONE]`.
 */
async function streamTokens(s, tokens, { firstDelayMs = s.chunkDelayMs, delayMs = s.chunkDelayMs, done = true } = {}) {
  s.open();
  await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
  for (const [i, token] of tokens.entries()) {
    await s.sleep(i === 0 ? firstDelayMs : delayMs);
    const finishReason = i === tokens.length - 1 ? 'stop' : null;
    await s.send(s.chunk({ content: token }, { finishReason, completionTokens: i + 1 }));
  }
  if (tokens.length === 0) await s.send(s.chunk({}, { finishReason: 'stop', completionTokens: 0 }));
  if (done) await s.done();
  s.end();
}

/** vLLM style: no usage on chunks; a final `choices: []` usage chunk only when asked for. */
async function streamVllm(s, tokens, { includeUsage = false, done = true } = {}) {
  s.open();
  await s.send(s.chunk({ role: 'assistant', content: '' }));
  for (const [i, token] of tokens.entries()) {
    await s.sleep(s.chunkDelayMs);
    await s.send(s.chunk({ content: token }, { finishReason: done && i === tokens.length - 1 ? 'stop' : null }));
  }
  if (includeUsage) await s.send(s.usageChunk(tokens.length));
  if (done) await s.done();
}

/** Writes the whole stream as raw bytes in 5-byte slices: splits UTF-8 characters and SSE lines. */
async function utf8Split(s) {
  const tokens = tokenize(UTF8_SPLIT_TEXT, [3, 4, 5]);
  const events = [
    s.event(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 })),
    ...tokens.map((token, i) =>
      s.event(
        s.chunk({ content: token }, { finishReason: i === tokens.length - 1 ? 'stop' : null, completionTokens: i + 1 }),
      ),
    ),
    s.event('[DONE]'),
  ];
  const bytes = Buffer.from(events.join(''), 'utf8');
  s.open();
  for (let offset = 0; offset < bytes.length; offset += 5) {
    await s.write(bytes.subarray(offset, offset + 5));
    await s.sleep(1);
  }
  s.end();
}

/**
 * Valid per the SSE spec, but untidy: CRLF line endings, `: keep-alive` comments, extra blank
 * lines, one JSON chunk spread over two `data:` lines (joined with "\n", still valid JSON), one
 * `data:` without the optional space, and one event written in two pieces mid-line.
 */
async function malformed(s) {
  const eol = '\r\n';
  const [first, second, third, fourth] = ['壊れかけに見える', 'ストリームでも、', '正しく', '読めます。'];
  const content = (text, n, finishReason = null) =>
    JSON.stringify(s.chunk({ content: text }, { finishReason, completionTokens: n }));

  s.open();
  await s.write(`: keep-alive${eol}${eol}${eol}`);
  await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }), eol);

  await s.sleep(s.chunkDelayMs);
  await s.write(`: keep-alive${eol}`);
  await s.write(`data: ${content(first, 1)}${eol}${eol}${eol}${eol}`);

  await s.sleep(s.chunkDelayMs);
  const json = content(second, 2);
  const cut = json.indexOf(',"choices":') + 1;
  await s.write(`data: ${json.slice(0, cut)}${eol}data: ${json.slice(cut)}${eol}${eol}`);

  await s.sleep(s.chunkDelayMs);
  await s.write(`data:${content(third, 3)}${eol}${eol}: keep-alive${eol}${eol}`);

  await s.sleep(s.chunkDelayMs);
  const event = `data: ${content(fourth, 4, 'stop')}${eol}${eol}`;
  await s.write(event.slice(0, 20));
  await s.sleep(Math.max(1, s.chunkDelayMs));
  await s.write(event.slice(20));

  await s.done(eol);
  s.end();
}

/** How many times each conversation was asked (scenario numbered): a regenerated reply differs. */
const timesAsked = new Map();
function numberedReply(body) {
  const key = JSON.stringify(body.messages);
  const n = (timesAsked.get(key) ?? 0) + 1;
  timesAsked.set(key, n);
  return `回答その${n}：「${lastUserText(body)
    .replace(/\[\[[^\]]*\]\]/g, '')
    .trim()}」`;
}

/** @type {Record<string, { run: (s: any) => Promise<void>, text?: (body: any) => string, hangs?: boolean }>} */
export const STREAM_SCENARIOS = {
  plain: { run: (s) => streamTokens(s, tokenize(plainReply(s.body))) },

  // Versions (issue #34): the nth request with the same messages answers 「回答そのn」.
  numbered: { run: (s) => streamTokens(s, tokenize(numberedReply(s.body))) },

  // The README screenshots' questions (showcase.mjs), picked by the question itself.
  showcase: {
    run: (s) => streamTokens(s, tokenize(showcaseReply(lastUserText(s.body)) ?? '')),
    text: (body) => showcaseReply(lastUserText(body)) ?? '',
  },

  // For stop/abort tests: one piece every 200 ms for up to a minute.
  slow: {
    run: (s) => {
      const pieces = Array.from({ length: SLOW_TOTAL_MS / SLOW_INTERVAL_MS - 1 }, (_, i) => ` …${i + 1}`);
      return streamTokens(s, ['ゆっくり', ...pieces], { firstDelayMs: 0, delayMs: SLOW_INTERVAL_MS });
    },
  },

  // For benchmarks: first token after 50 ms, then one every 10 ms, 200 in all.
  paced: {
    run: async (s) => {
      s.open();
      await s.sleep(50);
      const words = ['これは', 'ベンチ', 'マーク', '用の', '一定', '間隔', 'の', 'トークン', 'です', '。'];
      await streamTokens(s, cycle(words, 200), { firstDelayMs: 0, delayMs: 10 });
    },
  },

  // For compare mode: names the model it answers as, then 30 pieces 20 ms apart (~0.6 s).
  'model-paced': {
    run: (s) =>
      streamTokens(s, [`model=${s.body.model} `, ...cycle(['比較', '用の', '応答', '。'], 30)], {
        firstDelayMs: 0,
        delayMs: 20,
      }),
    text: (body) => `model=${body.model}`,
  },

  // 3,000 short chunks as fast as backpressure allows.
  long: {
    run: (s) => streamTokens(s, cycle(['長い', '応答', 'の', '一部', '、'], 3000), { firstDelayMs: 0, delayMs: 0 }),
  },

  'vllm-usage': {
    run: async (s) => {
      const includeUsage = s.body.stream_options?.include_usage === true;
      await streamVllm(s, tokenize('vLLM形式の応答です。使用量は最後に届きます。'), { includeUsage });
      s.end();
    },
  },

  'no-done': {
    run: (s) => streamTokens(s, tokenize('この応答は終わりの合図なしで閉じられます。'), { done: false }),
  },

  empty: { run: (s) => streamTokens(s, []), text: () => '' },

  'utf8-split': { run: utf8Split, text: () => UTF8_SPLIT_TEXT },

  malformed: { run: malformed, text: () => MALFORMED_TEXT },

  // Headers, then not one byte until the client gives up.
  stall: {
    hangs: true,
    run: async (s) => {
      s.open();
      await s.hang();
    },
  },

  'stall-after-first': {
    hangs: true,
    run: async (s) => {
      s.open();
      await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
      await s.send(s.chunk({ content: 'ここで止まります' }, { completionTokens: 1 }));
      await s.hang();
    },
  },

  // vLLM reports an engine failure inside an HTTP 200 stream, then closes without [DONE].
  'vllm-midstream-error': {
    run: async (s) => {
      await streamVllm(s, tokenize('途中までは順調に生成して'), { done: false });
      await s.send({ error: { message: 'CUDA out of memory', type: 'InternalServerError', param: null, code: 500 } });
      s.end();
    },
  },

  // A reasoning model behind vLLM's reasoning parser: `reasoning_content` deltas, then the answer.
  reasoning: {
    run: async (s) => {
      s.open();
      await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
      await s.send(s.chunk({ reasoning_content: '問いを読み、' }, { completionTokens: 2 }));
      await s.send(s.chunk({ reasoning_content: '答えを決めた。' }, { completionTokens: 4 }));
      await s.send(s.chunk({ content: '答えです。' }, { finishReason: 'stop', completionTokens: 6 }));
      await s.done();
      s.end();
    },
    text: () => '答えです。',
  },

  // gpt-oss behind vLLM: the reasoning arrives in `delta.reasoning` (newer vLLM's name for it).
  'reasoning-field': {
    run: async (s) => {
      s.open();
      await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
      for (const [i, piece] of REASONING_PIECES.entries()) {
        await s.sleep(s.chunkDelayMs);
        await s.send(s.chunk({ reasoning: piece }, { completionTokens: i + 1 }));
      }
      for (const [i, token] of tokenize(REASONING_ANSWER).entries())
        await s.send(s.chunk({ content: token }, { completionTokens: REASONING_PIECES.length + i + 1 }));
      await s.send(s.chunk({}, { finishReason: 'stop', completionTokens: 20 }));
      await s.done();
      s.end();
    },
    text: () => REASONING_ANSWER,
  },

  // Qwen3 without a reasoning parser: `<think>…</think>` inline in the content, the tags cut
  // across chunks.
  'reasoning-think': {
    run: (s) =>
      streamTokens(s, tokenize(`<think>\n${REASONING_PIECES.join('')}\n</think>\n\n${REASONING_ANSWER}`, [5, 3])),
    text: () => `<think>\n${REASONING_PIECES.join('')}\n</think>\n\n${REASONING_ANSWER}`,
  },

  xss: { run: (s) => streamTokens(s, tokenize(XSS_TEXT, [7])), text: () => XSS_TEXT },

  'echo-request': { run: (s) => streamTokens(s, tokenize(echoRequestText(s.body), [8])), text: echoRequestText },

  // Each server's own chunk shapes (servers.mjs): wire-nvidia, wire-nim, wire-vllm, wire-ollama, wire-llamacpp.
  ...Object.fromEntries(Object.keys(SERVER_WIRES).map((server) => [`wire-${server}`, wireScenario(server)])),

  // Japanese Markdown cut at awkward points (japanese.mjs): japanese-markdown.
  ...JAPANESE_SCENARIOS,

  // Math and diagrams (rich.mjs), in pieces small enough that each formula and fence streams open.
  ...Object.fromEntries(
    [
      ['math', MATH_TEXT],
      ['mermaid', MERMAID_TEXT_WITH_BROKEN],
    ].map(([name, text]) => [name, { run: (s) => streamTokens(s, tokenize(text, [3, 4, 2, 5])), text: () => text }]),
  ),
};
