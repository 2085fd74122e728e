import type { Element, Root } from 'hast';
import { textOf } from './highlight';

const HEADING = /^h[1-6]$/;
/** Kana or kanji: a Swallow reply's heading written in Japanese. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function visit(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (HEADING.test(child.tagName)) {
      if (JAPANESE.test(textOf(child))) child.properties.lang = 'ja';
    } else {
      visit(child);
    }
  }
}

/**
 * Rehype plugin: headings written in Japanese say so (`lang="ja"`), so that the browser breaks
 * them between phrases (`word-break: auto-phrase`, app/globals.css) in the English UI too.
 */
export function rehypeJapaneseHeadings() {
  return (tree: Root) => visit(tree);
}
