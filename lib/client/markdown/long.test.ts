import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_DECODED_BYTES, MAX_ENCODED_CHARS } from '@/lib/shared/share/codec';
import { splitBlocks, CHUNK_CHARS, isRisky, linkBareUrls, planChunks, splitBlock } from './long';
import { rehypePlugins, remarkPlugins } from './pipeline';

/** HTML of one block as the chat renders it (react-markdown with our plugins), without our components. */
const render = (markdown: string) =>
  renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins, rehypePlugins }, markdown));

/**
 * A long, realistic Markdown document in Japanese and English: the project's docs on Japanese and
 * its README (their blocks up to a part's size: a longer one is cut, tested below).
 */
const DOCUMENT = splitBlocks([readFileSync('docs/japanese.md', 'utf8'), readFileSync('README.md', 'utf8')].join('\n\n'))
  .filter((block) => block.length <= CHUNK_CHARS)
  .join('\n\n');

const MB = 1 << 20;
const repeatTo = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length));
/** Links in rendered HTML, in order. */
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

describe('planChunks', () => {
  it('renders a long document exactly as the block-by-block renderer does, in parts of ~4,000 characters', () => {
    const text = `${DOCUMENT}\n\n${DOCUMENT}`;
    const chunks = planChunks(text);
    expect(chunks.length).toBeGreaterThan(text.length / CHUNK_CHARS);
    expect(chunks.every((chunk) => !chunk.risky)).toBe(true);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(CHUNK_CHARS);
    expect(chunks.flatMap((chunk) => chunk.blocks).map(render)).toEqual(splitBlocks(text).map(render));
  });

  it('cuts a block longer than a part between lines: code stays fenced, a table keeps its header', () => {
    const code = `\`\`\`ts\n${Array.from({ length: 600 }, (_, i) => `const a${i} = ${i};`).join('\n')}\n\`\`\``;
    const pieces = splitBlock(code);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces)
      expect(render(piece)).toMatch(/^<pre><code class="hljs language-ts">[^]*<\/code><\/pre>$/);
    expect(pieces.map((piece) => piece.split('\n').slice(1, -1).join('\n')).join('\n')).toBe(
      code.split('\n').slice(1, -1).join('\n'),
    );

    const table = `| 名前 | 値 |\n|---|---|\n${Array.from({ length: 800 }, (_, i) => `| 項目${i} | ${i} |`).join('\n')}`;
    const rows = splitBlock(table);
    expect(rows.length).toBeGreaterThan(2);
    for (const piece of rows) expect(render(piece)).toMatch(/^<table><thead><tr><th>名前<\/th>/);
    expect(rows.map((piece) => render(piece).match(/<tr><td>/g)?.length ?? 0).reduce((a, b) => a + b)).toBe(800);
  });

  it('cuts a line longer than a part after 、 or 。, never inside a URL there', () => {
    const text = repeatTo('https://a.b、', 20_000);
    const pieces = splitBlock(text);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(CHUNK_CHARS);
      expect(piece.endsWith('、')).toBe(true);
    }
  });
});

describe('1 MB of URL-dense text', () => {
  // Linear: ~2 s for 1 MB on a quiet 2-core machine (micromark + GFM); the budget allows a loaded
  // one. Quadratic work (the text after each URL parsed again, as before issue #32) took 18 s
  // for 32 KB and would take hours here.
  it.each([
    ['https://a.b、', 'https://a.b'],
    ['www.a.b。', 'http://www.a.b'],
  ])(
    '%s × N: every part parses, every URL is a link, in linear time',
    (unit, href) => {
      const text = repeatTo(unit, MB);
      const start = performance.now();
      const chunks = planChunks(text);
      const links = chunks.flatMap((chunk) => chunk.blocks.flatMap((block) => hrefs(render(block))));
      const elapsed = performance.now() - start;
      expect(chunks.some((chunk) => chunk.risky)).toBe(false);
      expect(links).toHaveLength(text.length / unit.length);
      expect(new Set(links)).toEqual(new Set([href]));
      expect(elapsed).toBeLessThan(90_000);
    },
    120_000,
  );

  it('a realistic long Japanese document (1 MB) splits in linear time', () => {
    const text = repeatTo(`${DOCUMENT}\n\n`, MB);
    const start = performance.now();
    const chunks = planChunks(text);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(chunks.length).toBeGreaterThan(MB / CHUNK_CHARS);
    expect(chunks.filter((chunk) => chunk.risky)).toHaveLength(0);
  });
});

describe('a share link at its largest', () => {
  it('carries at most ~96 KB of URL-dense text, shown in parts of at most 4,000 characters, each parsed in linear time', async () => {
    const content = repeatTo('https://a.b、', 26_400);
    const link = await encodeShare({
      v: 1,
      systemPrompt: 'x',
      params: { temperature: 0.6, topP: 0.9, maxTokens: 100 },
      messages: [0, 1, 2].map((i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content })),
    });
    expect(link.length).toBeLessThan(MAX_ENCODED_CHARS);
    const decoded = await decodeShare(link);
    if (!decoded.ok) throw new Error(decoded.error);
    const messages = decoded.payload.messages!;
    expect(new TextEncoder().encode(JSON.stringify(decoded.payload)).length).toBeGreaterThan(MAX_DECODED_BYTES * 0.9);
    const start = performance.now();
    for (const { content: text } of messages) {
      const chunks = planChunks(text);
      expect(chunks.length).toBeGreaterThan(5);
      for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(CHUNK_CHARS);
      const links = chunks.flatMap((chunk) => chunk.blocks.flatMap((block) => hrefs(render(block))));
      expect(links).toHaveLength(text.length / 'https://a.b、'.length);
    }
    expect(performance.now() - start).toBeLessThan(20_000);
  }, 30_000);
});

describe('Markdown micromark cannot parse in linear time is shown as text, and never overflows the stack', () => {
  it.each([
    ['> × 100,000', '>'.repeat(100_000) + ' https://a.b'],
    ['*[ × 500,000 (1 MB)', '*['.repeat(500_000)],
    ['[ × 100,000 then ] × 100,000', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['- × 50,000', '- '.repeat(50_000) + 'a'],
    ['nested lists by indentation', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n')],
    ['*a × 500,000', '*a'.repeat(500_000)],
    ['[a] × 300,000', '[a]'.repeat(300_000)],
    ['a table row of 100,000 cells', `${'|a'.repeat(100_000)}\n${'|-'.repeat(100_000)}`],
  ])('%s', (_name, text) => {
    const start = performance.now();
    const chunks = planChunks(text);
    // What the page does with each part once on screen: text with links, or Markdown.
    for (const chunk of chunks) {
      if (chunk.risky) linkBareUrls(chunk.text);
      else for (const block of chunk.blocks) render(block);
    }
    expect(chunks.filter((chunk) => chunk.risky).length).toBeGreaterThan(chunks.length / 2);
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it('quotes and lists a few levels deep, and delimiters inside fenced code: parsed as Markdown', () => {
    expect(isRisky('> > > 引用の中の**引用**\n\n- a\n  - b\n    - c\n      1. d')).toBe(false);
    expect(isRisky('```\n' + '[*_`'.repeat(10_000) + '\n```')).toBe(false);
  });
});

describe('linkBareUrls', () => {
  it.each([
    'https://a.b、https://c.d。次',
    '詳しくはhttps://example.com/docsを参照、www.example.org。',
    '(see https://example.com/a.) and https://ja.wikipedia.org/wiki/東京都 ok',
    'http://x.y/?q=寿司 と https://例え.jp',
  ])('links what the reply pipeline links, ending where Japanese text begins: %s', (text) => {
    const parts = linkBareUrls(text);
    expect(parts.map((part) => (typeof part === 'string' ? part : part.url)).join('')).toBe(text);
    const ours = parts.flatMap((part) => (typeof part === 'string' ? [] : [part.href]));
    expect(ours.map((href) => encodeURI(decodeURI(href)))).toEqual(hrefs(render(text)));
  });

  it('never links another scheme', () => {
    expect(linkBareUrls('javascript:alert(1) data:text/html,x ftp://a.b https://')).toEqual([
      'javascript:alert(1) data:text/html,x ftp://a.b https://',
    ]);
  });
});
