/**
 * A conversation's first-line title, cut where a reader would cut it (issue #37): Japanese has no
 * spaces, so the cut falls on a word boundary found by the platform's own segmenter
 * (`Intl.Segmenter`, ICU's dictionary for Japanese, the same in Node and every current browser),
 * after 、。！？ when one comes late enough, never inside a word unless a single word is longer
 * than the whole title (a URL).
 *
 * Width counts a full-width character as 1 and a half-width one as ½, so 20 is about 20 Japanese
 * characters or 40 Latin letters (six or seven English words): what the history sidebar shows
 * on one line at 360 px.
 */
export const TITLE_WIDTH = 20;

const ELLIPSIS = '…';
/** A cut after one of these reads as a phrase; one at least half-way in is preferred. */
const PHRASE_END = /[、。！？!?,.;:：；）」』】]$/u;
/** Marks a title should not end on before the ellipsis. */
const TRAILING = /[\s、。，,.:：;；・（「『【(-]+$/u;
/** Markdown that starts a line (heading, quote, list item, numbered item). */
const LINE_MARKS = /^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/u;

/** Full-width (East Asian wide) characters count 1, others ½. */
export function titleWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char) ? 1 : 0.5;
  return width;
}

function isWide(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300
  );
}

/** The first non-empty line of `text`, without leading Markdown marks, on one line. */
export function firstLine(text: string): string {
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim().replace(LINE_MARKS, '').replace(/\s+/gu, ' ').trim();
    if (line) return line;
  }
  return '';
}

let segmenter: Intl.Segmenter | undefined;

/** `line` cut to `width` at a word boundary, with an ellipsis when anything was left out. */
export function cutTitle(line: string, width = TITLE_WIDTH): string {
  if (titleWidth(line) <= width) return line;
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  const room = width - 0.5; // the ellipsis is half-width in most fonts' proportions, full in Japanese ones
  let kept = '';
  let used = 0;
  let phraseCut = '';
  for (const { segment } of segmenter.segment(line)) {
    const next = titleWidth(segment);
    if (used + next > room) break;
    kept += segment;
    used += next;
    if (PHRASE_END.test(kept) && used >= width / 2) phraseCut = kept;
  }
  // A first word wider than the whole title (a URL, a long identifier): cut inside it.
  if (!kept.trim()) {
    for (const char of line) {
      const next = titleWidth(char);
      if (used + next > room) break;
      kept += char;
      used += next;
    }
  }
  const cut = (phraseCut || kept).replace(TRAILING, '');
  return `${cut || kept}${ELLIPSIS}`;
}

/** What a message needs to give its conversation a title: its text, or its first file's name. */
export interface TitleSource {
  role: string;
  text: string;
  documents?: readonly { name: string }[];
}

/**
 * The first-line title: the first line of the first user message, cut where a reader would cut
 * it; a message that is only documents is titled by its first file. Shown until the model's
 * title arrives, and kept when it fails or model titles are off.
 */
export function titleFrom(messages: readonly TitleSource[]): string {
  const message = messages.find((m) => m.role === 'user');
  const line = firstLine(message?.text ?? '') || firstLine(message?.documents?.[0]?.name ?? '');
  return cutTitle(line);
}

/** Quotes and brackets a model likes to put around a title. */
const WRAPPERS: [string, string][] = [
  ['「', '」'],
  ['『', '』'],
  ['【', '】'],
  ['"', '"'],
  ['“', '”'],
  ["'", "'"],
  ['‘', '’'],
  ['《', '》'],
  ['〈', '〉'],
  ['＂', '＂'],
];
const LABEL = /^(?:タイトル|題名|件名|title)\s*[:：]\s*/iu;

/**
 * The model's answer to a title request as a title, or '' when nothing usable is left: the
 * reasoning a model shows first (`<think>…</think>`; an unclosed one leaves nothing), Markdown
 * (headings, bold, code), a "Title:" label, quotes around it and a closing full stop taken away,
 * the first non-empty line kept, cut to the history's width.
 */
export function cleanModelTitle(raw: string): string {
  const answer = raw.replace(/<think>[\s\S]*?<\/think>/giu, '').replace(/<think>[\s\S]*$/iu, '');
  let title = firstLine(answer.replace(/\*+|`+|~~|(?<!\w)_+|_+(?!\w)/gu, ''));
  for (let changed = true; changed;) {
    changed = false;
    const unlabeled = title.replace(LABEL, '').trim();
    if (unlabeled !== title) [title, changed] = [unlabeled, true];
    for (const [open, close] of WRAPPERS) {
      if (title.length >= 2 && title.startsWith(open) && title.endsWith(close)) {
        [title, changed] = [title.slice(open.length, -close.length).trim(), true];
      }
    }
  }
  title = title.replace(/[。．.]+$/u, '').trim();
  return title ? cutTitle(title) : '';
}
