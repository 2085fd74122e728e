// Markdown cut into blocks and parts: the streaming renderer's block splitter (createBlockSplitter),
// Japanese-aware bare URLs (remarkJapaneseBareUrls), and long messages cut into ~4,000-character
// parts with the linear check for what is risky to parse (planChunks, isRisky).
import type { Link, Paragraph, Parent, Root, RootContent } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type {
  Code,
  Construct,
  ConstructRecord,
  Effects,
  Extension,
  State,
  TokenizeContext,
} from 'micromark-util-types';
import type { Processor } from 'unified';

export const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A copy of `text` that keeps nothing else alive. A substring may share memory with the string
 * it was cut from (engines make slices views): a finished paragraph of a streaming reply kept
 * the whole reply as it was when that paragraph ended, ~100 versions of it by the end of a
 * 16k-token reply (megabytes of strings and major GC pauses: bench `browser`, md-16k). A string parsed
 * from JSON is built from the JSON text, a temporary, so no engine can share it with `text`.
 * The test "keeps no earlier version of a streaming reply alive" checks the memory it keeps.
 */
export function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

interface Scan {
  /** Blocks closed by a blank line that ends in a newline: more text cannot change them. */
  finished: string[];
  /** Where the text after the last finished block starts (a line start, fence closed). */
  finishedEnd: number;
  /** The block still open at the end of the text, if any. */
  rest: string | null;
}

/** Top-level blocks of `markdown` from offset `from`, which must be a line start outside code. */
function scanBlocks(markdown: string, from: number): Scan {
  const finished: string[] = [];
  let finishedEnd = from;
  let current: string[] = [];
  let fence: string | null = null;

  for (let start = from; start <= markdown.length;) {
    const newline = markdown.indexOf('\n', start);
    const end = newline === -1 ? markdown.length : newline;
    const line = markdown.slice(start, end);
    start = end + 1;
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    } else if (marker) {
      fence = marker;
    } else if (line.trim() === '' && current.length > 0) {
      if (newline === -1) break; // the last line, still being written: the block stays open
      finished.push(current.join('\n'));
      finishedEnd = start;
      current = [];
      continue;
    }
    if (line.trim() !== '' || current.length > 0) current.push(line);
    else if (newline !== -1) finishedEnd = start; // a blank line between blocks
  }
  return { finished, finishedEnd, rest: current.length > 0 ? current.join('\n') : null };
}

/**
 * The top-level blocks of a whole text, split as {@link createBlockSplitter} splits it, without
 * its copies (a text shown whole is split once: lib/client/markdown/long.ts).
 */
export function splitBlocks(markdown: string): string[] {
  const scan = scanBlocks(markdown, 0);
  return scan.rest === null ? scan.finished : [...scan.finished, scan.rest];
}

/** `block`, or the equal string already rendered at its index; otherwise a detached copy. */
const reuse = (block: string, earlier: string | undefined) => (earlier === block ? earlier : detachedCopy(block));

/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code, so a streaming reply
 * re-renders only its last block instead of the whole text. Call it with successive versions of
 * one growing text: while each version extends the last, only the text after the last finished
 * block is scanned again (a 16k-token reply is ~64k characters, split on every render), and
 * blocks that did not change stay the same strings. A new splitter splits its first text whole.
 */
export function createBlockSplitter(): (markdown: string) => string[] {
  let donePrefix = '';
  let doneBlocks: string[] = [];
  let previous: string[] = [];
  return (markdown) => {
    const resume = donePrefix.length > 0 && markdown.startsWith(donePrefix);
    if (!resume) doneBlocks = [];
    const scan = scanBlocks(markdown, resume ? donePrefix.length : 0);
    doneBlocks = doneBlocks.concat(scan.finished.map((block, i) => reuse(block, previous[doneBlocks.length + i])));
    donePrefix = markdown.slice(0, scan.finishedEnd);
    previous = scan.rest === null ? doneBlocks : [...doneBlocks, reuse(scan.rest, previous[doneBlocks.length])];
    return previous;
  };
}

/**
 * Japanese punctuation and spaces, which no bare URL in prose contains: the ideographic space,
 * 、。「」『』【】〜 and their kin, ・, full-width ！（）：？ etc., half-width ｡｢｣､･, curly quotes, ……, ※.
 */
const JAPANESE_PUNCTUATION =
  /[\u3000-\u3004\u3008-\u3020\u3030\u303D\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2018-\u201F\u2025\u2026\u203B]/u;
/** Kana, kanji, ー and full-width letters and digits. */
const JAPANESE_LETTER = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u30FC\uFF70\uFF10-\uFF5A]/u;
const ASCII_ALPHANUMERIC = /[0-9A-Za-z]/;

/**
 * Where a bare URL written in Japanese prose ends: GFM's autolink literal runs on to the next
 * space, so `https://example.com/docs。次の章へ` would link the whole sentence. The URL ends at the
 * first Japanese punctuation mark, and at Japanese letters written straight after an ASCII letter
 * or digit (`https://example.com/docsを参照`). Japanese letters that start a part of the URL stay
 * in it (`https://ja.wikipedia.org/wiki/東京都`, `?q=寿司`, `https://例え.jp`).
 * Returns the length of the URL that starts at `start` in `text`.
 */
export function bareUrlEnd(text: string, start = 0): number {
  SCHEME.lastIndex = start;
  let index = start + (SCHEME.exec(text)?.[0].length ?? 0);
  let previous = '';
  while (index < text.length) {
    const char = String.fromCodePoint(text.codePointAt(index)!);
    if (JAPANESE_PUNCTUATION.test(char)) break;
    if (JAPANESE_LETTER.test(char) && ASCII_ALPHANUMERIC.test(previous)) break;
    previous = char;
    index += char.length;
  }
  return index - start;
}

const SCHEME = /[a-z][a-z0-9+.-]*:\/\//iy;

/** Whether the character (UTF-16 unit) `code`, written after `previous`, ends a bare URL. */
function endsUrl(code: Code, previous: Code): boolean {
  if (code === null || code < 0) return false;
  const afterAlphanumeric =
    previous !== null && previous >= 0 && ASCII_ALPHANUMERIC.test(String.fromCharCode(previous));
  // Kanji outside the BMP (CJK extensions B and on, U+20000-U+3FFFF) start with D840-D8BF.
  if (code >= 0xd840 && code <= 0xd8bf) return afterAlphanumeric;
  const char = String.fromCharCode(code);
  return JAPANESE_PUNCTUATION.test(char) || (JAPANESE_LETTER.test(char) && afterAlphanumeric);
}

const SPACE = 32;

/**
 * GFM's `https://…` or `www.…` autolink literal, ending where {@link bareUrlEnd} ends a URL: each
 * character that ends one is shown to GFM's state machines (domain, path, trailing punctuation) as
 * a space, where GFM ends a URL; micromark itself (`ok`, `nok`, `consume`) sees the real one. So
 * GFM's own rules (the domain, `docs.。` linking `docs`, balanced parentheses) apply unchanged,
 * within the one parse of the reply.
 */
function endingInJapanese(construct: Construct): Construct {
  return {
    ...construct,
    tokenize(effects, ok, nok) {
      const context = this as TokenizeContext;
      let real: Code = null;
      let done = false;
      /** `ok` or `nok` as micromark gave it, called with the character micromark is at. */
      const settle =
        (to: State, last: boolean): State =>
        () => {
          if (last) done = true;
          return to(real);
        };
      // One wrapper per state: GFM returns the same state function for each character of a path.
      const wrappers = new Map<State, State>();
      const watch = (state: State): State => {
        let wrapper = wrappers.get(state);
        if (!wrapper) {
          wrapper = (code) => {
            real = code;
            const next = state(endsUrl(code, context.previous) ? SPACE : code);
            return done || next === undefined ? next : watch(next);
          };
          wrappers.set(state, wrapper);
        }
        return wrapper;
      };
      const inner = (part: Construct): Construct => ({
        ...part,
        tokenize(partEffects, partOk, partNok) {
          return part.tokenize.call(this, watched(partEffects), settle(partOk, false), settle(partNok, false));
        },
      });
      const wrap = (constructs: Construct | Construct[] | ConstructRecord) =>
        Array.isArray(constructs)
          ? constructs.map(inner)
          : 'tokenize' in constructs
            ? inner(constructs as Construct)
            : constructs;
      const watched = (from: Effects): Effects => ({
        ...from,
        attempt: (constructs, returnState, bogusState) => from.attempt(wrap(constructs), returnState, bogusState),
        check: (constructs, returnState, bogusState) => from.check(wrap(constructs), returnState, bogusState),
      });
      return watch(construct.tokenize.call(context, watched(effects), settle(ok, true), settle(nok, true)));
    },
  };
}

/** `extension` with GFM's URL literals ending in Japanese text ({@link endingInJapanese}). */
function withJapaneseUrlEnds(extension: Extension): Extension {
  const text = extension.text;
  if (!text) return extension;
  const wrap = (construct: Construct) =>
    construct.name === 'protocolAutolink' || construct.name === 'wwwAutolink' ? endingInJapanese(construct) : construct;
  const wrapped = Object.fromEntries(
    Object.entries(text).map(([code, constructs]) => [
      code,
      Array.isArray(constructs) ? constructs.map(wrap) : wrap(constructs as Construct),
    ]),
  );
  return { ...extension, text: wrapped };
}

/**
 * The text of a link GFM's transform made from a bare URL in plain text (`https://…`, `www.…`):
 * its text is the URL as written, and it has no place in the source (links parsed from Markdown,
 * `[https://a.example](https://a.example)`, `<https://a.example>` and GFM's tokenizer's, do).
 */
function plainUrlText(link: Link): string | null {
  const [child, ...more] = link.children;
  if (link.position || child?.type !== 'text' || more.length > 0) return null;
  const text = child.value;
  return link.url === text || link.url === `http://${text}` ? text : null;
}

/**
 * Where GFM may start a bare URL in plain text (mdast-util-gfm-autolink-literal's transform):
 * `http(s)://`, or `www.` after a space, punctuation or a symbol.
 */
const URL_START = /(?<![A-Za-z])https?:\/\/|(?<![^\s\p{P}\p{S}])www\./giu;

/**
 * Cuts the links GFM's transform made in plain text (`、www.a.example。www.b.example` after a
 * parse: the tokenizer links `www.` only after a space or `*_~([]`), which run to the next space:
 * the text is cut at the end of each URL ({@link bareUrlEnd}) and linked again a piece at a time,
 * all pieces in one pass. Plain text needs no parse, and the work is linear in its length.
 */
function cutPlainUrls(parent: Parent, transform: (tree: Root) => void): void {
  let children: RootContent[] | null = null; // a new list, once a link has been cut
  parent.children.forEach((node, index) => {
    const text = node.type === 'link' ? plainUrlText(node) : null;
    const end = text === null ? -1 : bareUrlEnd(text);
    if (text === null || end === text.length) {
      if ('children' in node) cutPlainUrls(node, transform);
      children?.push(node);
      return;
    }
    children ??= parent.children.slice(0, index);
    // Each piece linked on its own: the transform splices each link into its parent's children,
    // which costs the length of that list.
    const link = (value: string) => {
      const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value }] };
      transform({ type: 'root', children: [paragraph] });
      for (const part of paragraph.children) children!.push(part);
    };
    link(text.slice(0, end));
    for (let from = end; from < text.length;) {
      URL_START.lastIndex = from;
      const start = URL_START.exec(text)?.index ?? -1;
      const pieceEnd = start === -1 ? text.length : start + bareUrlEnd(text, start);
      link(text.slice(from, pieceEnd));
      from = pieceEnd;
    }
  });
  if (children) parent.children = children as typeof parent.children;
}

/**
 * Remark plugin (after remark-gfm): bare URLs end where Japanese text begins ({@link bareUrlEnd}),
 * as if GFM ended them there: in GFM's tokenizer ({@link endingInJapanese}) for URLs in Markdown,
 * and after GFM's transform for URLs it finds in plain text ({@link cutPlainUrls}). One parse,
 * linear in the text's length (the text after each URL used to be parsed again: quadratic).
 */
export function remarkJapaneseBareUrls(this: Processor) {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(withJapaneseUrlEnds);
  const [transform] = gfmAutolinkLiteralFromMarkdown().transforms ?? [];
  return (tree: Root) => {
    if (transform) cutPlainUrls(tree, (root) => void transform(root));
  };
}

/**
 * A message longer than this, shown whole (not streaming: pasted, imported, loaded from a share
 * link or from history), is rendered in parts ({@link planChunks}): each part is parsed as
 * Markdown only when it comes near the screen. Parsing Markdown costs ~2 ms per KB (micromark +
 * GFM on 2 cores), so a part of this size is one short task (< 50 ms even on a loaded machine),
 * and 1 MB is ~250 parts, of which the few on screen are parsed.
 */
export const CHUNK_CHARS = 4_000;

/** A part of a long message: the top-level blocks it holds, rendered as the message renders them. */
export interface Chunk {
  /** The blocks (split at blank lines outside fenced code), each parsed on its own, as Markdown.tsx does. */
  blocks: string[];
  /** Its source text: what is shown until it is parsed (and what find-in-page finds meanwhile). */
  text: string;
  /**
   * Markdown whose parse is not linear in micromark (deep nesting, long runs of brackets or
   * emphasis, see {@link isRisky}): shown as text with its bare URLs linked, never parsed.
   */
  risky: boolean;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * Cuts `line` (longer than `size`) into pieces of at most `size`, after a space or 、。 where there
 * is one in the second half of a piece.
 */
function cutLine(line: string, size: number): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (line.length - from > size) {
    let end = from + size;
    const window = line.slice(from + size / 2, end);
    const soft = Math.max(window.lastIndexOf(' '), window.lastIndexOf('、'), window.lastIndexOf('。'));
    if (soft >= 0) end = from + size / 2 + soft + 1;
    else if (/[\uD800-\uDBFF]/.test(line[end - 1]!)) end -= 1; // never between the halves of a character
    pieces.push(line.slice(from, end));
    from = end;
  }
  pieces.push(line.slice(from));
  return pieces;
}

/**
 * A block longer than `size` as several blocks of at most ~`size`, cut between lines (a line
 * longer than that is cut too, after a space or 、。 where it can be). A fenced code block's
 * pieces are each fenced again, and a table's repeat its header, so each piece reads as the
 * same kind of block; a paragraph's pieces are paragraphs.
 */
export function splitBlock(block: string, size = CHUNK_CHARS): string[] {
  if (block.length <= size) return [block];
  const lines = block.split('\n').flatMap((line) => (line.length > size ? cutLine(line, size) : [line]));
  let head: string[] = [];
  let tail: string | null = null;
  const fence = FENCE_LINE.exec(lines[0]!)?.[1];
  if (fence) {
    head = [lines.shift()!];
    const last = lines[lines.length - 1]?.trim();
    tail = last && last.startsWith(fence) && /^[`~]+$/.test(last) ? lines.pop()! : fence;
  } else if (lines.length > 2 && lines[0]!.includes('|') && TABLE_DELIMITER.test(lines[1]!)) {
    head = lines.splice(0, 2);
  }
  const headLength = head.join('\n').length + (tail?.length ?? 0) + 2;
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    if (current.length === 0) return;
    pieces.push([...head, ...current, ...(tail === null ? [] : [tail])].join('\n'));
    current = [];
    length = 0;
  };
  for (const line of lines) {
    if (length > 0 && length + line.length + headLength > size) flush();
    current.push(line);
    length += line.length + 1;
  }
  flush();
  return pieces;
}

/**
 * How deep containers (`>`, list items) nest at the start of `line`, and where its content
 * starts; stops counting past `limit`. A loop, not a regular expression: `>` × 100,000 is one line.
 */
function containerDepth(line: string, limit: number): { depth: number; indent: number; end: number } {
  let depth = 0;
  let indent = 0;
  let i = 0;
  while (i < line.length && depth <= limit && indent <= limit * 4) {
    const char = line[i]!;
    if (char === ' ' || char === '\t') {
      indent += 1;
      i += 1;
    } else if (char === '>') {
      depth += 1;
      i += 1;
    } else if ('-+*'.includes(char) && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      depth += 1;
      i += 1;
    } else {
      let digits = i;
      while (digits < line.length && digits - i < 9 && line[digits]! >= '0' && line[digits]! <= '9') digits += 1;
      const after = line[digits + 1];
      if (digits === i || (line[digits] !== '.' && line[digits] !== ')') || (after !== ' ' && after !== '\t')) break;
      depth += 1;
      i = digits + 1;
    }
  }
  return { depth, indent, end: i };
}

const MAX_DEPTH = 16;
/** Emphasis, link and code delimiters in a part outside fenced code: a few hundred at most in prose. */
const MAX_DELIMITERS = 400;
const DELIMITERS = /[*_[\]`<!~\\]/g;
const MAX_TABLE_CELLS = 64;

/**
 * Markdown that micromark cannot parse in time linear in its length, found in one linear pass:
 * containers nested deeper than 16 or indented past 64 columns (`>` × 4,000 overflowed the
 * stack, `- ` × 1,000 took 3.6 s),
 * brackets open deeper than 16 within a paragraph (`*[` × 16,000: 28 s), more than 400 emphasis,
 * link or code delimiters outside fenced code (`*a` × 16,000: 20 s; `[a]` × 16,000: 15 s), or a
 * table row of more than 64 cells (8,000 columns: 3.9 s). Measured in Node (2 cores), 2026-12-06.
 * No Markdown a person or a model writes comes near these; such text is shown as text.
 */
export function isRisky(markdown: string): boolean {
  let fence: string | null = null;
  let delimiters = 0;
  let brackets = 0;
  for (const line of markdown.split('\n')) {
    const marker = FENCE_LINE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    const prefix = containerDepth(line, MAX_DEPTH);
    if (prefix.depth > MAX_DEPTH || prefix.indent > MAX_DEPTH * 4) return true;
    if (marker) {
      fence = marker;
      continue;
    }
    if (line.trim() === '') brackets = 0;
    let cells = 0;
    for (let i = prefix.end; i < line.length; i++) {
      const char = line[i];
      if (char === '[') {
        if (++brackets > MAX_DEPTH) return true;
      } else if (char === ']') brackets = Math.max(0, brackets - 1);
      else if (char === '|' && ++cells > MAX_TABLE_CELLS) return true;
    }
    delimiters += line.match(DELIMITERS)?.length ?? 0;
    if (delimiters > MAX_DELIMITERS) return true;
  }
  return false;
}

/**
 * A long message as parts of at most ~{@link CHUNK_CHARS}: its top-level blocks (blank lines
 * outside fenced code, as a streaming reply is split: long.ts), a block longer than a part cut
 * between lines ({@link splitBlock}), consecutive blocks joined up to the size. Linear in the
 * text's length.
 */
export function planChunks(markdown: string, size = CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  let blocks: string[] = [];
  let length = 0;
  const flush = () => {
    if (blocks.length === 0) return;
    const text = blocks.join('\n\n');
    chunks.push({ blocks, text, risky: isRisky(text) });
    blocks = [];
    length = 0;
  };
  for (const block of splitBlocks(markdown)) {
    for (const piece of splitBlock(block, size)) {
      if (length > 0 && length + piece.length > size) flush();
      blocks.push(piece);
      length += piece.length + 2;
    }
  }
  flush();
  return chunks;
}

/** Where a bare URL may start in text that is not parsed: GFM's `http(s)://` and `www.` starts. */
/** What GFM leaves off the end of a bare URL (trailing punctuation). */
const TRAILING = /[.,:;"')!?*_~]+$/;

/** A part of text that is not parsed: plain text, or a bare URL and where it goes. */
export type TextPart = string | { url: string; href: string };

/**
 * Bare URLs in `text` that is shown without being parsed (a {@link Chunk} that is `risky`), found
 * as GFM finds them in plain text and ending where Japanese text begins ({@link bareUrlEnd}), as
 * in a parsed reply: `https://` and `http://` URLs and `www.` (linked as `http://www.…`). One
 * pass, linear in the text's length. Other schemes are never linked.
 */
export function linkBareUrls(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  URL_START.lastIndex = 0;
  for (let match = URL_START.exec(text); match; match = URL_START.exec(text)) {
    const start = match.index;
    let end = start + bareUrlEnd(text, start);
    const space = text.slice(start, end).search(/[\s<]/);
    if (space >= 0) end = start + space;
    const url = text.slice(start, end).replace(TRAILING, '');
    URL_START.lastIndex = Math.max(end, start + match[0].length);
    // A URL needs a host: `https://` alone, or `www.` with nothing after it, is text.
    if (url.length <= match[0].length) continue;
    if (start > from) parts.push(text.slice(from, start));
    parts.push({ url, href: url.startsWith('www.') || url.startsWith('WWW.') ? `http://${url}` : url });
    from = start + url.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
