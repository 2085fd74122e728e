import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { PluggableList } from 'unified';
import { describe, expect, it } from 'vitest';
import { JAPANESE_MARKDOWN, JAPANESE_URLS } from '../../../e2e/fake-upstream/japanese.mjs';
import { bareUrlEnd, createBlockSplitter } from './long';
import { rehypePlugins, remarkPlugins } from './pipeline';

/** HTML as the chat renders a reply (react-markdown with our plugins), without our components. */
const render = (markdown: string, remark: PluggableList = remarkPlugins) =>
  renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins: remark, rehypePlugins }, markdown));

describe('emphasis and strikethrough next to Japanese punctuation', () => {
  it.each([
    ['これは**「重要」**です。', '<p>これは<strong>「重要」</strong>です。</p>'],
    ['**重要です。**次の文に続きます。', '<p><strong>重要です。</strong>次の文に続きます。</p>'],
    ['*単語*を強調し', '<p><em>単語</em>を強調し</p>'],
    ['~~「古い情報」~~は消します。', '<p><del>「古い情報」</del>は消します。</p>'],
    [
      '**注意：**期限は**3月31日（月）**までです。',
      '<p><strong>注意：</strong>期限は<strong>3月31日（月）</strong>までです。</p>',
    ],
  ])('%s', (markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it('are the texts the e2e scenario streams', () => {
    expect(JAPANESE_MARKDOWN).toEqual([
      'これは**「重要」**です。',
      '**重要です。**次の文に続きます。',
      '*単語*を強調し',
      '~~「古い情報」~~は消します。',
      '**注意：**期限は**3月31日（月）**までです。',
    ]);
  });
});

describe('bare URLs in Japanese prose', () => {
  it.each([
    ['詳しくは https://example.com/docs。次の章へ', 'https://example.com/docs', '。次の章へ'],
    ['https://example.com/a、次へ', 'https://example.com/a', '、次へ'],
    ['「https://example.com/b」を開く', 'https://example.com/b', '」を開く'],
    ['（https://example.com/c）です', 'https://example.com/c', '）です'],
    ['https://example.com/d\u3000全角スペース', 'https://example.com/d', '\u3000全角スペース'],
    ['https://example.com/docsを参照', 'https://example.com/docs', 'を参照'],
    ['https://example.comをご覧ください', 'https://example.com', 'をご覧ください'],
    ['www.example.com/e。次', 'http://www.example.com/e', '。次'],
    ['https://example.com/f.。次', 'https://example.com/f', '.。次'],
  ])('%s', (markdown, href, after) => {
    const html = render(markdown);
    expect(html).toContain(`<a href="${href}">${href.replace('http://www', 'www')}</a>${after}`);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('keep Japanese letters that start a part of the URL', () => {
    expect(render('https://ja.wikipedia.org/wiki/東京都 と ?q=寿司')).toContain(
      '<a href="https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%E9%83%BD">https://ja.wikipedia.org/wiki/東京都</a>',
    );
    expect(render('https://example.com/search?q=寿司')).toContain('>https://example.com/search?q=寿司</a>');
  });

  it('link the next URL too, and read what follows a URL as Markdown', () => {
    expect(render('https://a.example/x、https://b.example/y。')).toBe(
      '<p><a href="https://a.example/x">https://a.example/x</a>、<a href="https://b.example/y">https://b.example/y</a>。</p>',
    );
    expect(render('https://a.example/x。**大事**です')).toBe(
      '<p><a href="https://a.example/x">https://a.example/x</a>。<strong>大事</strong>です</p>',
    );
    expect(render('**https://a.example/xを参照**')).toBe(
      '<p><strong><a href="https://a.example/x">https://a.example/x</a>を参照</strong></p>',
    );
  });

  it('after a URL, read code spans, written links and emphasis as Markdown', () => {
    expect(render('https://x.example、`https://a.example、`です')).toBe(
      '<p><a href="https://x.example">https://x.example</a>、<code>https://a.example、</code>です</p>',
    );
    expect(render('https://x.example、[公式](https://a.example)を参照')).toBe(
      '<p><a href="https://x.example">https://x.example</a>、<a href="https://a.example">公式</a>を参照</p>',
    );
    expect(render('、**https://a.example**、**https://b.example**')).toBe(
      '<p>、<strong><a href="https://a.example">https://a.example</a></strong>、<strong><a href="https://b.example">https://b.example</a></strong></p>',
    );
    expect(render('、www.a.example。www.b.example。')).toBe(
      '<p>、<a href="http://www.a.example">www.a.example</a>。<a href="http://www.b.example">www.b.example</a>。</p>',
    );
  });

  it('leave written links alone', () => {
    expect(render('[https://a.example/x。](https://a.example/x。)')).toContain(
      '<a href="https://a.example/x%E3%80%82">https://a.example/x。</a>',
    );
    expect(render('<https://a.example/x。>')).toContain('>https://a.example/x。</a>');
  });

  it('bareUrlEnd: where the URL ends', () => {
    expect(bareUrlEnd('https://example.com/docs。次')).toBe('https://example.com/docs'.length);
    expect(bareUrlEnd('https://example.com/docs')).toBe('https://example.com/docs'.length);
    expect(bareUrlEnd('https://例え.jp/パスを')).toBe('https://例え.jp/パスを'.length);
    expect(bareUrlEnd('https://example.com/ｶﾀｶﾅ')).toBe('https://example.com/ｶﾀｶﾅ'.length);
    expect(bareUrlEnd('https://example.com/x𠮷')).toBe('https://example.com/x'.length);
  });
});

describe('English Markdown', () => {
  const english = [
    '**bold**text and text**bold** and *a*b and a*b*',
    '__init__ and snake_case_name and _emphasis_, **"quoted"** and ~~gone~~ ~one~',
    'Autolinks: https://example.com/path_(x). www.example.com, <https://example.com> and me@example.com.',
    'A [link](https://example.com "title") and `code` and a * b * c and 2*3*4',
    '# Heading\n\n- item **one**\n- ~~two~~\n\n| a | b |\n|---|---|\n| **1** | 2 |\n\n```ts\nconst a = 1;\n```',
    '**Note:** the deadline is **March 31 (Mon)**. *(see above)*',
  ];

  it.each(english)('renders as with GFM alone: %s', (markdown) => {
    expect(render(markdown)).toBe(render(markdown, [remarkGfm]));
  });
});

describe('headings in Japanese', () => {
  it('say lang="ja"; English ones say nothing', () => {
    expect(render('## 日本語の見出し\n\n## English heading')).toBe(
      '<h2 lang="ja">日本語の見出し</h2>\n<h2>English heading</h2>',
    );
  });
});

describe('block splitter and a full parse agree on Japanese Markdown', () => {
  const reply = [...JAPANESE_MARKDOWN, ...JAPANESE_URLS].join('\n\n');

  // ~700 prefixes, each parsed twice: ~2 s alone, several times that on a busy 2-core machine.
  it('at every prefix of every text: same blocks, same HTML', { timeout: 60_000 }, () => {
    const split = createBlockSplitter();
    for (let end = 0; end <= reply.length; end++) {
      const text = reply.slice(0, end);
      const blocks = split(text);
      expect(blocks, JSON.stringify(text)).toEqual(createBlockSplitter()(text));
      expect(blocks.map((block) => render(block)).join('\n'), JSON.stringify(text)).toBe(render(text));
    }
  });
});

describe('bare URLs cost linear time (issue 32: a share link of `https://a.b、` × 2,666 blocked the tab 8.6 s)', () => {
  const MEGABYTE = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MEGABYTE / unit.length));
  const gfmOnly: PluggableList = [remarkGfm, ...remarkPlugins.slice(1, -1)];
  const time = (markdown: string, remark: PluggableList) => {
    const processor = unified().use(remarkParse).use(remark);
    const start = performance.now();
    processor.runSync(processor.parse(markdown));
    return performance.now() - start;
  };

  // The reference: GFM alone on the same text with a space where each URL ends, which makes as
  // many links (every link costs the parser the same whatever ends it).
  it.each([
    ['https://a.b、', 'https://a.b', 3],
    ['www.a.b。', 'http://www.a.b', 3],
    ['、`https://a.b', 'https://a.b', 2],
  ])('1 MB of %s: linear, as fast as GFM making as many links', { timeout: 300_000 }, (unit, href, links) => {
    const markdown = fill(unit);
    const spaced = markdown.replace(/[、。]/g, ' ');
    // Warm up both pipelines (the JIT) on 64 KB of the same text: a third 1 MB parse only cost time.
    const warmUp = unit.repeat(Math.ceil((64 * 1024) / unit.length));
    time(warmUp, remarkPlugins);
    time(warmUp.replace(/[、。]/g, ' '), gfmOnly);
    const gfm = time(spaced, gfmOnly);
    const ours = time(markdown, remarkPlugins);
    console.info(
      `1 MB of ${unit}: GFM alone (spaces) ${gfm.toFixed(0)} ms, with Japanese URL ends ${ours.toFixed(0)} ms`,
    );
    expect(ours).toBeLessThan(3 * gfm + 500);
    const html = render(unit.repeat(3));
    expect(html.match(/<a /g)).toHaveLength(links);
    expect(html).toContain(`<a href="${href}">`);
  });
});
