import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { prepareMath, rehypePlugins, remarkPlugins } from './pipeline';

/** HTML as the chat renders a reply (without our components: math is a `code.math-*` element). */
const render = (markdown: string, streaming = false) =>
  renderToStaticMarkup(
    createElement(ReactMarkdown, { remarkPlugins, rehypePlugins }, prepareMath(markdown, streaming)),
  );

/** The formulas of a rendered text, `inline:` or `display:` with their source; `open:` not closed yet. */
function formulas(markdown: string, streaming = false): string[] {
  const html = render(markdown, streaming);
  const found: string[] = [];
  const pattern =
    /<(pre)( data-open="true")?><code class="language-math math-display">([^]*?)<\/code>|<code class="language-math math-inline">([^]*?)<\/code>/g;
  for (const match of html.matchAll(pattern)) {
    if (match[1]) found.push(`${match[2] ? 'open' : 'display'}:${unescape(match[3]!)}`);
    else found.push(`inline:${unescape(match[4]!)}`);
  }
  return found;
}
const unescape = (html: string) =>
  html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

describe('the math rule', () => {
  it.each<[string, string[]]>([
    // Money is not math.
    ['It costs $5 and $10.', []],
    ['価格は$5から$10です', []],
    ['$5〜$10 です', []],
    ['US$5 and US$10', []],
    ['between $ 5 and $ 10', []],
    ['costs $5, or $x$ in general', ['inline:x']],
    ['$5 から $10 まで、$x$ です', ['inline:x']],
    // A dollar escaped is a dollar.
    ['\\$5 and \\$10', []],
    ['\\$x\\$', []],
    ['$\\$5$', ['inline:\\$5']],
    // Inline math next to Japanese punctuation and text.
    ['$x$。', ['inline:x']],
    ['「$a+b$」と書きます', ['inline:a+b']],
    ['速さは$v=\\frac{d}{t}$です。', ['inline:v=\\frac{d}{t}']],
    ['\\(E=mc^2\\)。', ['inline:E=mc^2']],
    ['面積は \\(\\pi r^2\\)、周は \\(2\\pi r\\) です', ['inline:\\pi r^2', 'inline:2\\pi r']],
    ['$$a$$ inline', ['inline:a']],
    ['$\\text{速さ} = 3$', ['inline:\\text{速さ} = 3']],
    // Markdown does not reach inside: emphasis and escapes stay the formula's.
    ['$a*b*c$ and $x_1 + y_1$', ['inline:a*b*c', 'inline:x_1 + y_1']],
    // Display math.
    ['$$\n\\frac{1}{2}\n$$', ['display:\\frac{1}{2}']],
    ['$$ \\sum_{i=1}^n i $$', ['display: \\sum_{i=1}^n i ']],
    ['\\[\nx^2\n\\]', ['display:x^2']],
    ['\\[x^2\\]', ['display:x^2']],
    [
      '次の式：\n\\[\n\\begin{aligned}\na &= 1 \\\\\nb &= 2\n\\end{aligned}\n\\]\nです。',
      ['display:\\begin{aligned}\na &= 1 \\\\\nb &= 2\n\\end{aligned}'],
    ],
    ['$$\\begin{pmatrix}1\\\\2\n\\end{pmatrix}$$', ['display:\\begin{pmatrix}1\\\\2\n\\end{pmatrix}']],
    ['1. 式\n   $$\n   x\n   $$', ['display:x']],
    // Code is left alone.
    ['`$x$` and `\\(y\\)`', []],
    ['```sh\necho $HOME $PATH\n$$\n```', []],
    ['``a ` $x$ ``', []],
    // Not math.
    ['$$', []],
    ['a $$ b', []],
    ['\\(\\)', []],
    ['$x\n\n$', []],
  ])('%j', (markdown, expected) => {
    expect(formulas(markdown)).toEqual(expected);
  });

  it('keeps prices as their text, dollars and all', () => {
    expect(render('It costs $5 and $10')).toBe('<p>It costs $5 and $10</p>');
    expect(render('価格は$5から$10です')).toBe('<p>価格は$5から$10です</p>');
    expect(render('\\$5 and a$$b')).toBe('<p>$5 and a$$b</p>');
  });

  it('shows an unclosed formula as its source at every prefix of a streamed reply', () => {
    const reply =
      '価格は$5から$10です。速さは$v=\\frac{d}{t}$、面積は\\(\\pi r^2\\)。\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n\n\\[\nE = mc^2\n\\]\n\n終わり$x$';
    const complete = formulas(reply);
    expect(complete).toEqual([
      'inline:v=\\frac{d}{t}',
      'inline:\\pi r^2',
      'display:\\int_0^1 x\\,dx = \\frac{1}{2}',
      'display:E = mc^2',
      'inline:x',
    ]);
    for (let length = 0; length <= reply.length; length++) {
      const prefix = reply.slice(0, length);
      const found = formulas(prefix, length < reply.length);
      // What is typeset is a formula of the whole reply, in order; the rest is source.
      const typeset = found.filter((formula) => !formula.startsWith('open:'));
      expect(typeset, prefix).toEqual(complete.slice(0, typeset.length));
      expect(found.filter((formula) => formula.startsWith('open:')).length, prefix).toBeLessThanOrEqual(1);
    }
  });

  it('shows the source of an unclosed \\( with its backslash', () => {
    expect(render('面積は\\(\\pi r')).toBe('<p>面積は\\(\\pi r</p>');
  });

  it('shows display math not closed yet as open while streaming, and as text in a finished reply', () => {
    expect(formulas('$$\n\\frac{1}{2', true)).toEqual(['open:\\frac{1}{2']);
    expect(formulas('\\[\nx', true)).toEqual(['open:x']);
    expect(formulas('$$\n\\frac{1}{2')).toEqual([]);
    expect(render('$$\nx')).toBe('<p>$$\nx</p>');
  });

  it('ends a streamed `$` formula only once the next character is known', () => {
    expect(formulas('価格は$5から$', true)).toEqual([]);
    expect(formulas('答えは$x$', true)).toEqual([]);
    expect(formulas('答えは$x$')).toEqual(['inline:x']);
    expect(formulas('答えは$x$。', true)).toEqual(['inline:x']);
  });
});

describe('the math rule on hostile text', () => {
  it('stays linear when openers never close', () => {
    for (const text of [
      '\\('.repeat(200_000),
      '\\[ a '.repeat(100_000),
      '$$x\n'.repeat(50_000),
      '\\[\n'.repeat(50_000),
      '$a '.repeat(100_000),
      '$$$ $$$$ $$ '.repeat(30_000),
      '` $x$ '.repeat(50_000),
    ]) {
      const started = performance.now();
      prepareMath(text);
      prepareMath(text, true);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(1500);
    }
  });
});

describe('fences not closed yet', () => {
  it('marks a code fence open until its closing line', () => {
    expect(render('```mermaid\nflowchart LR')).toContain('<code class="language-mermaid" data-open="true">');
    expect(render('```mermaid\nflowchart LR\n```')).toContain('<code class="language-mermaid">');
    expect(render('~~~~\nx\n~~~')).toContain('data-open="true"');
    expect(render('    indented')).not.toContain('data-open');
  });
});
