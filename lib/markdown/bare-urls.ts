import type { Link, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';

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
 * Returns the length of the URL within `text`, which starts with the URL.
 */
export function bareUrlEnd(text: string): number {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0].length ?? 0;
  let previous = '';
  for (let index = scheme; index < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(index)!);
    if (JAPANESE_PUNCTUATION.test(char)) return index;
    if (JAPANESE_LETTER.test(char) && ASCII_ALPHANUMERIC.test(previous)) return index;
    previous = char;
    index += char.length;
  }
  return text.length;
}

/** A link GFM made from a bare URL (`https://…`, `www.…`): its text is its source, as written. */
function bareUrlText(link: Link): string | null {
  const [child, ...more] = link.children;
  if (child?.type !== 'text' || more.length > 0) return null;
  const text = child.value;
  if (link.url !== text && link.url !== `http://${text}`) return null;
  const start = link.position?.start.offset;
  const end = link.position?.end.offset;
  // `[https://a.example](https://a.example)` and `<https://a.example>` are longer in the source.
  return start === undefined || end === undefined || end - start === text.length ? text : null;
}

type Parse = (markdown: string) => Root;

function stripPositions(node: RootContent): void {
  delete node.position;
  if ('children' in node) node.children.forEach(stripPositions);
}

/** `markdown` (one line of phrasing content) parsed as the whole reply is, URLs in it split too. */
function phrasing(markdown: string, parse: Parse): PhrasingContent[] {
  const [paragraph, ...more] = parse(markdown).children;
  if (paragraph?.type !== 'paragraph' || more.length > 0) return [{ type: 'text', value: markdown }];
  splitBareUrls(paragraph, parse);
  paragraph.children.forEach(stripPositions);
  return paragraph.children;
}

function splitBareUrls(parent: Parent, parse: Parse): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index];
    const text = node.type === 'link' ? bareUrlText(node) : null;
    const end = text === null ? -1 : bareUrlEnd(text);
    if (text !== null && end < text.length) {
      // Parsed again, each part: GFM trims the URL's own trailing punctuation (`docs.。` links
      // `docs`), and the text after it may hold emphasis or the next URL (`https://a.example、https://b.example`).
      const parts = [...phrasing(text.slice(0, end), parse), ...phrasing(text.slice(end), parse)];
      parent.children.splice(index, 1, ...(parts as typeof parent.children));
      index += parts.length - 1;
    } else if ('children' in node) {
      splitBareUrls(node, parse);
    }
  }
}

/**
 * Remark plugin (after remark-gfm): bare URLs end where Japanese text begins ({@link bareUrlEnd}).
 * What follows the URL is parsed by the same processor, as if the URL had ended there.
 */
export function remarkJapaneseBareUrls(this: Processor) {
  const parse: Parse = (markdown) => this.parse(markdown) as Root;
  return (tree: Root) => splitBareUrls(tree, parse);
}
