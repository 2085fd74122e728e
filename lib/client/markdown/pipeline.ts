// The Markdown pipeline every reply renders through: remark plugins (GFM, CJK-friendly emphasis,
// Japanese bare URLs) and rehype plugins (code highlighting with lowlight, heading language).
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { common, createLowlight } from 'lowlight';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';
import { remarkJapaneseBareUrls, FENCE } from './long';

type Lowlight = ReturnType<typeof createLowlight>;

/**
 * One highlight.js instance for the whole page. rehype-highlight builds a new one (registering
 * and compiling every grammar again) each time a Markdown processor is created, and
 * react-markdown creates one per render: that was most of the main-thread time while a reply
 * streamed.
 */
let shared: Lowlight | null = null;
function lowlight(): Lowlight {
  shared ??= createLowlight(common);
  return shared;
}

/**
 * Registers the grammars ahead of the first code block (call when the page is idle), so the
 * first highlight of a streaming reply does not pay for it in the middle of a render.
 */
export function prepareHighlighter(): void {
  lowlight();
}

/** The language of a `<code>` element from its `language-*` / `lang-*` class; false for no-highlight. */
export function codeLanguage(node: Element): string | false | undefined {
  const classes = node.properties?.className;
  if (!Array.isArray(classes)) return undefined;
  let name: string | undefined;
  for (const value of classes.map(String)) {
    if (value === 'no-highlight' || value === 'nohighlight') return false;
    name ??= /^(?:language|lang)-(.+)$/.exec(value)?.[1];
  }
  return name;
}

/** The text of a hast node and everything in it. */
export function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

function highlightCode(code: Element): void {
  const language = codeLanguage(code);
  if (!language || !lowlight().registered(language)) return;
  const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
  if (!classes.includes('hljs')) code.properties.className = ['hljs', ...classes];
  const result = lowlight().highlight(language, textOf(code));
  if (result.children.length > 0) code.children = result.children as ElementContent[];
}

function visit(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (node.type === 'element' && node.tagName === 'pre' && child.tagName === 'code') highlightCode(child);
    else visit(child);
  }
}

/**
 * Rehype plugin: highlights fenced code that names its language (no guessing), like
 * rehype-highlight with `detect: false`.
 */
export function rehypeHighlightCode() {
  return (tree: Root) => visit(tree);
}

const HEADING = /^h[1-6]$/;
/** Kana or kanji: a Swallow reply's heading written in Japanese. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function visitHeadings(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (HEADING.test(child.tagName)) {
      if (JAPANESE.test(textOf(child))) child.properties.lang = 'ja';
    } else {
      visitHeadings(child);
    }
  }
}

/**
 * Rehype plugin: headings written in Japanese say so (`lang="ja"`), so that the browser breaks
 * them between phrases (`word-break: auto-phrase`, app/globals.css) in the English UI too.
 */
export function rehypeJapaneseHeadings() {
  return (tree: Root) => visitHeadings(tree);
}

/**
 * How every reply is read, streaming or saved: GFM; then `**` and `~~` next to Japanese
 * punctuation as a Japanese reader means them (`これは**「重要」**です。`, where CommonMark's
 * flanking rules leave the asterisks: commonmark-spec issue 650), which the CJK-friendly
 * extensions must follow GFM to do; then bare URLs that end where Japanese text begins. Math
 * (remark-math) reads only `$$`: `prepareMath` rewrites the other forms into it first.
 */
export const remarkPlugins: PluggableList = [
  remarkGfm,
  [remarkMath, { singleDollarTextMath: false }],
  remarkCjkFriendly,
  remarkCjkFriendlyGfmStrikethrough,
  remarkOpenBlocks,
  remarkJapaneseBareUrls,
];

export const rehypePlugins: PluggableList = [rehypeHighlightCode, rehypeJapaneseHeadings];

/**
 * Math, as the models write it (issue #34): `$$…$$` and `\[…\]` on lines of their own are display
 * math; `\(…\)`, `$$…$$` inside a line and `$…$` are inline. remark-math's own single-dollar rule
 * pairs any two dollars (`It costs $5 and $10` became a formula), so it reads only `$$` and this
 * rewrites the other forms into it before parsing, outside code fences and code spans:
 * - A single `$` opens math only when a non-space follows it, and the formula ends at the next
 *   unescaped `$`, which must follow a non-space and be followed by no digit (Pandoc's
 *   `tex_math_dollars` rule), or the first `$` is plain text. So `$5 and $10` and `価格は$5から$10です`
 *   stay text, `$x$。` is math. `\$` is a dollar sign.
 * - Between two dollars that pass, Japanese prose is still not a formula: `。`, `、` or `「` in it,
 *   or Japanese after a leading digit (`$10です。速さは$v$`), outside `\text{…}`.
 * - While `streaming`, a `$` that ends the text closes nothing yet (`$5から$` may go on `10`).
 * - A formula not closed yet (a reply still streaming) is left as its source: display math
 *   without its closing line is parsed as math that `remarkOpenBlocks` marks open. In a text
 *   that is complete, a `$$` or `\[` line never closed is text.
 * - A `$$` that does not start math is escaped, so remark-math does not pair it either.
 */
export function prepareMath(markdown: string, streaming = false): string {
  if (!MATH_HINT.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  let text: string[] = [];
  const flushText = () => {
    if (text.length > 0) out.push(inlineMath(text.join('\n'), streaming));
    text = [];
  };
  let fence: string | null = null;
  const terminator = nextOf((close: string, from: number) => {
    let i = from;
    while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.trimEnd().endsWith(close)) i++;
    return i;
  });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = FENCE.exec(line)?.[1];
    if (fence || marker) {
      flushText();
      if (!fence) fence = marker!;
      else if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
      out.push(line);
      continue;
    }
    const display = displayMath(lines, i, streaming, terminator);
    if (!display) {
      if (line.trim() === '') flushText();
      text.push(line);
      continue;
    }
    flushText();
    out.push(...display.lines);
    i = display.end;
  }
  flushText();
  return out.join('\n');
}

/** Whether a text may hold math at all (the cheap check before any scanning). */
const MATH_HINT = /\$|\\[([]/;

const DISPLAY_OPEN = /^(\s*)(\$\$|\\\[)(.*)$/;

/**
 * Display math starting at `lines[start]`: a line that begins with `$$` or `\[`, closed on it or
 * on a later line (before a blank one) ending in `$$` or `\]`. Returned as a remark-math block
 * (`$$` fences on lines of their own); without its closing line, up to the end of the text
 * (still streaming) as a block with no closing fence. Null when the line starts no display math.
 */
function displayMath(
  lines: readonly string[],
  start: number,
  streaming: boolean,
  terminator: (close: string, from: number) => number,
): { lines: string[]; end: number } | null {
  const open = DISPLAY_OPEN.exec(lines[start]!);
  if (!open) return null;
  const [, indent, delimiter, rest] = open as unknown as [string, string, string, string];
  const close = delimiter === '$$' ? '$$' : '\\]';
  const first = rest.trimEnd();
  // `$$x$$`, `\[x\]`: closed on its own line; `$$x$$ and more` is inline math in a paragraph.
  if (first.length > 0 && first.endsWith(close) && !(close === '$$' && first.endsWith('\\$$'))) {
    const body = first.slice(0, -close.length);
    if (body.includes(close)) return null;
    return { lines: [`${indent}$$`, `${indent}${body}`, `${indent}$$`], end: start };
  }
  if (first.includes(close)) return null;
  const body = first.trim() === '' ? [] : [`${indent}${first}`];
  // The first line after it that is blank or ends in the closing delimiter.
  const end = terminator(close, start + 1);
  // Not closed by the end of the text: a reply still streaming it, shown as source; in a text
  // that is complete, no math. Closed by a blank line: no math.
  if (end === lines.length ? !streaming : lines[end]!.trim() === '') return null;
  body.push(...lines.slice(start + 1, end));
  if (end === lines.length) return { lines: [`${indent}$$`, ...body], end: lines.length - 1 };
  const last = lines[end]!.trimEnd().slice(0, -close.length);
  if (last.trim() !== '') body.push(last);
  return { lines: [`${indent}$$`, ...body, `${indent}$$`], end };
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/** `markdown`'s inline math (one paragraph or more, no fences) rewritten as remark-math's `$$…$$`. */
function inlineMath(markdown: string, streaming: boolean): string {
  const closer = nextOf((token: string, from: number) => markdown.indexOf(token, from));
  const run = nextOf((key: string, from: number) => findRun(markdown, from, key[0]!, key.length));
  let out = '';
  let from = 0;
  const emit = (start: number, end: number, formula: string) => {
    out += markdown.slice(from, start) + inlineFormula(formula);
    from = end;
  };
  for (let i = 0; i < markdown.length;) {
    const char = markdown[i];
    if (char === '`') {
      const length = runLength(markdown, i, '`');
      const close = run('`'.repeat(length), i + length);
      i = close === -1 ? i + length : close + length;
    } else if (char === '\\') {
      const next = markdown[i + 1];
      if (next === '(' || next === '[') {
        const end = closer(next === '(' ? '\\)' : '\\]', i + 2);
        const formula = end === -1 ? '' : markdown.slice(i + 2, end);
        if (formula.trim() !== '' && !formula.includes('\n\n')) {
          emit(i, end + 2, formula);
          i = end + 2;
          continue;
        }
        // Not closed (yet): its source, the backslash kept.
        if (end === -1) {
          out += markdown.slice(from, i) + '\\';
          from = i;
        }
      }
      i += 2;
    } else if (char === '$') {
      const length = runLength(markdown, i, '$');
      if (length >= 2) {
        const end = run('$'.repeat(length), i + length);
        const formula = end === -1 ? '' : markdown.slice(i + length, end);
        if (formula.trim() !== '' && !formula.includes('\n\n')) {
          emit(i, end + length, formula);
          i = end + length;
        } else {
          // Not math: escaped, or remark-math would pair it with a later `$$`.
          out += markdown.slice(from, i) + '\\$'.repeat(length);
          from = i = i + length;
        }
        continue;
      }
      const end = isSpace(markdown[i + 1]) ? -1 : findUnescaped(markdown, i + 1, '$');
      const formula = end === -1 ? '' : markdown.slice(i + 1, end);
      if (
        end !== -1 &&
        !isSpace(markdown[end - 1]) &&
        !/[\d$]/.test(markdown[end + 1] ?? '') &&
        !(streaming && end === markdown.length - 1) &&
        !formula.includes('\n\n') &&
        !looksLikeProse(formula)
      ) {
        emit(i, end + 1, formula);
        i = end + 1;
      } else i += 1;
    } else i += 1;
  }
  return out + markdown.slice(from);
}

const JAPANESE_CHARS = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Japanese prose between two dollars, not a formula: sentence punctuation (`。`, `、`, `「`) in it,
 * or Japanese after a leading digit (`$10です。速さは$`: one price, then a formula's `$`), not
 * counting text in `\text{…}`.
 */
function looksLikeProse(formula: string): boolean {
  const bare = formula.replace(/\\(?:text|mbox|textrm|mathrm)\{[^{}]*\}/g, '');
  return /[。、「」]/.test(bare) || (/^\d/.test(formula) && JAPANESE_CHARS.test(bare));
}

/**
 * `find(key, from)` (the first match at or after `from`, or a number past every candidate),
 * remembered per key: a later search from a later start reuses the match it cannot have passed.
 * The scans stay linear in the text however many openers never close (`\(` × 100,000).
 */
function nextOf(find: (key: string, from: number) => number): (key: string, from: number) => number {
  const found = new Map<string, { from: number; at: number }>();
  return (key, from) => {
    const cached = found.get(key);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = find(key, from);
    found.set(key, { from, at });
    return at;
  };
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
}

/** Where the next run of exactly `length` `char`s starts at or after `from`, or -1. */
function findRun(text: string, from: number, char: string, length: number): number {
  for (let i = text.indexOf(char, from); i !== -1;) {
    const run = runLength(text, i, char);
    if (run === length) return i;
    i = text.indexOf(char, i + run);
  }
  return -1;
}

/** Where `token` next occurs at or after `from` outside a backslash escape, or -1. */
function findUnescaped(text: string, from: number, token: string): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(token, i)) return i;
    if (text[i] === '\\') i++;
  }
  return -1;
}

/** A formula as remark-math's inline math: fenced by more dollars than it holds in a row. */
function inlineFormula(formula: string): string {
  const longest = Math.max(0, ...(formula.match(/\$+/g) ?? []).map((run) => run.length));
  const fence = '$'.repeat(Math.max(2, longest + 1));
  const pad = formula.startsWith('$') || formula.endsWith('$') ? ' ' : '';
  return `${fence}${pad}${formula}${pad}${fence}`;
}

/**
 * Marks fenced code and display math that is not closed (a reply still streaming it) with
 * `data-open`: a diagram is drawn, a formula typeset, only once its block is complete.
 */
export function remarkOpenBlocks() {
  return (tree: MdastNode, file: { value?: unknown }) => {
    const source = String(file.value ?? '');
    const walk = (node: MdastNode) => {
      if ((node.type === 'code' || node.type === 'math') && node.position && !isClosed(node, source)) {
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataOpen: 'true' } };
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

interface MdastNode {
  type: string;
  children?: MdastNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
  data?: { hProperties?: Record<string, unknown> } & Record<string, unknown>;
}

function isClosed(node: MdastNode, source: string): boolean {
  const text = source.slice(node.position!.start.offset, node.position!.end.offset);
  const open = /^\s*(`{3,}|~{3,}|\${2,})/.exec(text)?.[1];
  if (!open) return true; // indented code: nothing to close
  const newline = text.lastIndexOf('\n');
  if (newline === -1) return false;
  const last = text.slice(newline + 1).trim();
  return last.length >= open.length && [...last].every((char) => char === open[0]);
}
