// Japanese as Japanese models write it (issue 18): what CommonMark misreads next to Japanese
// punctuation, streamed cut at the worst places. lib/client/markdown/japanese.test.ts renders the same texts.

/** Emphasis and strikethrough next to Japanese punctuation: each must render without `**` or `~~`. */
export const JAPANESE_MARKDOWN = [
  'これは**「重要」**です。',
  '**重要です。**次の文に続きます。',
  '*単語*を強調し',
  '~~「古い情報」~~は消します。',
  '**注意：**期限は**3月31日（月）**までです。',
];

/** Bare URLs that end where Japanese text begins: 。、」） and a full-width space. */
export const JAPANESE_URLS = [
  '詳しくは https://example.com/docs。次の章へ',
  '一覧は https://example.com/list、表は「https://example.com/table」（https://example.com/paren）、続きは https://example.com/space\u3000全角スペースの後です。',
];

/** Every link the reply has, in order. */
export const JAPANESE_REPLY_LINKS = [
  'https://example.com/docs',
  'https://example.com/list',
  'https://example.com/table',
  'https://example.com/paren',
  'https://example.com/space',
  'https://example.com/en',
];

export const JAPANESE_HEADING = '日本語の見出しは文節の区切りで折り返します';

/** Long enough to wrap on a phone, with 、。」） where a careless line break would put them first. */
export const LINE_BREAK_JA =
  '句読点で行が始まらないことを確かめるための文です。「かぎかっこ」や（丸かっこ）、読点、句点。'.repeat(6);
export const LINE_BREAK_EN =
  'English words in a reply wrap between words, never inside one: internationalization, accessibility, responsiveness. '.repeat(
    3,
  );

export const JAPANESE_REPLY = [
  `## ${JAPANESE_HEADING}`,
  ...JAPANESE_MARKDOWN,
  ...JAPANESE_URLS,
  'English stays as it was: **bold**, ~~struck~~ and https://example.com/en.',
  LINE_BREAK_JA,
  LINE_BREAK_EN,
].join('\n\n');

/**
 * The reply in pieces cut where a renderer is most likely to go wrong: after every `*` and `~`
 * (so inside each `**` and `~~`), before each Japanese punctuation mark, and every 12 characters
 * (inside each URL).
 */
export function awkwardPieces(text = JAPANESE_REPLY) {
  const pieces = [];
  let piece = '';
  const chars = [...text];
  for (const [i, char] of chars.entries()) {
    const next = chars[i + 1];
    piece += char;
    const cut =
      char === '*' || char === '~' || (next !== undefined && /[。、」）\u3000]/.test(next)) || piece.length >= 12;
    if (cut) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Streams the reply, then holds the stream open for 2 s (keep-alives), so a test can look at it while it streams. */
async function streamJapanese(s) {
  s.open();
  await s.send(s.chunk({ role: 'assistant', content: '' }, { completionTokens: 0 }));
  const pieces = awkwardPieces();
  for (const [i, piece] of pieces.entries()) {
    await s.sleep(s.chunkDelayMs);
    await s.send(s.chunk({ content: piece }, { completionTokens: i + 1 }));
  }
  for (let i = 0; i < 4; i++) {
    await s.sleep(500);
    await s.write(': keep-alive\n\n');
  }
  await s.send(s.chunk({}, { finishReason: 'stop', completionTokens: pieces.length }));
  await s.done();
  s.end();
}

export const JAPANESE_SCENARIOS = {
  'japanese-markdown': { run: streamJapanese, text: () => JAPANESE_REPLY },
};
