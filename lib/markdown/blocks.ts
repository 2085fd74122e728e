const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A copy of `text` that keeps nothing else alive. V8 makes a substring (split, slice, a
 * one-element join) a view into the string it was cut from: a finished paragraph of a
 * streaming reply kept the whole reply as it was when that paragraph ended, ~100 versions of
 * it by the end of a 16k-token reply (24 MB of strings, measured; major GC pauses of 30-45 ms).
 * Prepending a character makes a two-part string that slice() flattens into a new one.
 */
export function detachedCopy(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code, so a
 * streaming reply re-renders only its last block instead of the whole text. A block equal to
 * the one at its index in `previous` is that same string; other blocks are detached copies.
 */
export function splitMarkdownBlocks(markdown: string, previous: readonly string[] = []): string[] {
  const blocks: string[] = [];
  const push = (block: string) => {
    const earlier = previous[blocks.length];
    blocks.push(earlier === block ? earlier : detachedCopy(block));
  };
  let current: string[] = [];
  let fence: string | null = null;

  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    } else if (marker) {
      fence = marker;
    } else if (line.trim() === '' && current.length > 0) {
      push(current.join('\n'));
      current = [];
      continue;
    }
    if (line.trim() !== '' || current.length > 0) current.push(line);
  }
  if (current.length > 0) push(current.join('\n'));
  return blocks;
}

/** Splits successive versions of one growing text, reusing the blocks that did not change. */
export function createBlockSplitter(): (markdown: string) => string[] {
  let previous: string[] = [];
  return (markdown) => (previous = splitMarkdownBlocks(markdown, previous));
}
