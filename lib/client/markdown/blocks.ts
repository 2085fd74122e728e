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
