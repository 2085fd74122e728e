/**
 * Decoding a text file whose encoding nobody told us (issue #19). Japanese files come in four
 * encodings: UTF-8, UTF-16 with a BOM (Notepad's "Unicode"), Shift_JIS/CP932 (what Japanese
 * Excel and most Windows tools still write) and EUC-JP (old Unix files, mail archives). The rule:
 *
 * 1. A byte order mark decides: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE.
 * 2. A NUL byte, or more than 1 in 100 bytes being C0 controls other than tab, line feed, form
 *    feed, carriage return and escape, means it is not text ('binary'): images, archives, office
 *    files and executables all have them; text in any of our encodings has none.
 * 3. Bytes that are valid UTF-8 are UTF-8 (so is plain ASCII) — unless they are 7-bit ISO-2022-JP
 *    (JIS, old mail), recognised by its escape sequences.
 * 4. Otherwise Shift_JIS (WHATWG's shift_jis is CP932: NEC row 13 ①㈱, NEC/IBM extension kanji
 *    髙﨑) and EUC-JP each decode the bytes strictly; when both succeed, the one whose bytes look
 *    more like Japanese text wins (`shiftJisScore`, `eucJpScore`), Shift_JIS on a tie: it is by
 *    far the more common. When neither does, the one with fewer broken sequences, if they are
 *    few (a stray byte in a large file, `MAX_REPLACED`); else:
 * 5. windows-1252, which decodes any byte (a Western file: café, naïve).
 *
 * Line endings become \n; the BOM is dropped.
 */

export type TextEncodingName =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-2022-jp' | 'shift_jis' | 'euc-jp' | 'windows-1252';

export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: 'binary' };

/** Share of characters that may be U+FFFD in the best Japanese decoding when neither is strictly valid. */
const MAX_REPLACED = 0.001;

export function decodeText(input: Uint8Array): DecodedText {
  const bytes = input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decoded(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded(bytes.subarray(2), 'utf-16be');
  if (looksBinary(bytes)) return { ok: false, reason: 'binary' };

  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) {
    if (isIso2022Jp(bytes)) return decoded(bytes, 'iso-2022-jp');
    return finish(utf8, 'utf-8');
  }

  const sjis = strict('shift_jis', bytes);
  const euc = strict('euc-jp', bytes);
  if (sjis !== null && (euc === null || shiftJisScore(bytes) + SHIFT_JIS_PRIOR >= eucJpScore(bytes)))
    return finish(sjis, 'shift_jis');
  if (euc !== null) return finish(euc, 'euc-jp');

  // Neither is valid throughout: a stray byte (a cut file, one bad cell) in an otherwise Japanese file.
  const lenient = (['shift_jis', 'euc-jp'] as const).map((encoding) => {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const score = encoding === 'shift_jis' ? shiftJisScore(bytes) + SHIFT_JIS_PRIOR : eucJpScore(bytes);
    return { encoding, text, replaced: countOf(text, '\uFFFD'), score };
  });
  const best = lenient.reduce((a, b) =>
    b.replaced < a.replaced || (b.replaced === a.replaced && b.score > a.score) ? b : a,
  );
  if (best.replaced <= Math.max(1, best.text.length * MAX_REPLACED) && best.score > 0)
    return finish(best.text, best.encoding);
  return decoded(bytes, 'windows-1252');
}

function decoded(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  // ignoreBOM: the BOM was taken off above (a second one would be content).
  return finish(new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding);
}

function finish(text: string, encoding: TextEncodingName): DecodedText {
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), encoding };
}

function strict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** NUL anywhere, or too many control bytes: not a text file. */
export function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20) continue;
    if (b === 0) return true;
    // \t \n \v \f \r, and ESC (ISO-2022-JP, ANSI colours in logs)
    if ((b >= 0x09 && b <= 0x0d) || b === 0x1b) continue;
    controls++;
  }
  return controls > bytes.length / 100;
}

/** 7-bit text with ISO-2022-JP's switch to JIS X 0208 (ESC $ B or ESC $ @). */
function isIso2022Jp(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) return true;
    if (bytes[i] >= 0x80) return false;
  }
  return false;
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * How much bytes look like Japanese text in each encoding: a sum of weights over their
 * characters (a rough log-likelihood), from the JIS X 0208 row each double-byte character is
 * in. Kana, punctuation and level 1 kanji (the 2,965 common ones, rows 16-47) count for; level 2
 * kanji and the NEC/IBM extension kanji are neutral (real, but rare); user-defined and unassigned
 * rows, JIS X 0212 and broken sequences count against. Half-width katakana come in runs in real
 * Shift_JIS files (bank and payroll CSVs: ﾔﾏﾀﾞ ﾀﾛｳ); lone ones and the half-width ｡｢｣､･ are
 * what an EUC-JP file read as Shift_JIS is full of. Only the first 64 KiB are looked at.
 */
const SCORED_BYTES = 65_536;
/** Shift_JIS is the usual one: on a tie, and for a few ambiguous bytes, it wins. */
const SHIFT_JIS_PRIOR = 2;

function rowWeight(row: number): number {
  if (row === 4) return 3; // hiragana
  if (row === 1 || row === 5) return 2; // 、。「」ー and katakana
  if (row >= 16 && row <= 47) return 2; // level 1 kanji
  if (row === 3) return 1; // full-width digits and letters
  if (row === 2 || (row >= 6 && row <= 8) || row === 13) return 0.5; // ※〒→, Greek, Cyrillic, box drawing, ①㈱
  if ((row >= 48 && row <= 84) || (row >= 89 && row <= 92)) return 0; // level 2, NEC-selected IBM extensions
  return -3;
}

const isHalfWidthKana = (b: number | undefined) => b !== undefined && b >= 0xa1 && b <= 0xdf;

export function shiftJisScore(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, SCORED_BYTES);
  let score = 0;
  let afterKana = false;
  for (let i = 0; i < end;) {
    const b = bytes[i];
    if (b < 0x80) {
      afterKana = false;
      i++;
    } else if (isHalfWidthKana(b)) {
      // ｡｢｣､･ (A1-A5) are rare in real text, and what EUC-JP's kana rows (A4, A5) turn into.
      score += b > 0xa5 && (afterKana || isHalfWidthKana(bytes[i + 1])) ? 1 : -1;
      afterKana = true;
      i++;
    } else if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      const trail = bytes[i + 1];
      if (b >= 0xf0 && b <= 0xf9)
        score -= 3; // user-defined
      else if (b >= 0xfa)
        score += 0; // IBM extensions (髙, 﨑, ⅰ)
      else score += rowWeight((b - (b <= 0x9f ? 0x71 : 0xb1)) * 2 + 1 + (trail > 0x9e ? 1 : 0) - 0x20);
      afterKana = false;
      i += 2;
    } else {
      score -= 5;
      afterKana = false;
      i++;
    }
  }
  return score;
}

export function eucJpScore(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, SCORED_BYTES);
  let score = 0;
  for (let i = 0; i < end;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
    } else if (b === 0x8e) {
      score -= 1; // half-width katakana: rare in EUC-JP files
      i += 2;
    } else if (b === 0x8f) {
      score -= 2; // JIS X 0212
      i += 3;
    } else if (b >= 0xa1 && b <= 0xfe) {
      score += rowWeight(b - 0xa0);
      i += 2;
    } else {
      score -= 5;
      i++;
    }
  }
  return score;
}
