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
