import { bareUrlEnd } from './bare-urls';
import { splitBlocks } from './blocks';

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
 * outside fenced code, as a streaming reply is split: blocks.ts), a block longer than a part cut
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
const URL_START = /(?<![A-Za-z])https?:\/\/|(?<![^\s\p{P}\p{S}])www\./giu;
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
