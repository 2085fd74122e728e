/** Katakana that have a hiragana twin (ァ…ヶ, ヽヾ): the twin is 0x60 code points lower. */
const KATAKANA = /[ァ-ヶヽヾ]/g;

/**
 * Text as search compares it, so that a Japanese user finds what they mean however it was typed:
 * full- and half-width forms folded (NFKC: ＡＢＣ → ABC, ｶﾀｶﾅ and ｶﾞ → カタカナ and ガ, the
 * ideographic space → a space), katakana as hiragana (カタカナ → かたかな) and lower case.
 */
export const normalizeForSearch = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60))
    .toLowerCase();

/** Whether any of `texts` contains `query`, both normalised; an empty query matches everything. */
export function matchesSearch(query: string, texts: readonly string[]): boolean {
  const needle = normalizeForSearch(query).trim();
  return !needle || texts.some((text) => normalizeForSearch(text).includes(needle));
}
