import { describe, expect, it } from 'vitest';
import { matchesSearch, normalizeForSearch } from './normalize';

describe('normalizeForSearch', () => {
  it.each([
    ['カタカナ', 'かたかな'],
    ['ｶﾀｶﾅ', 'かたかな'],
    ['ｶﾞｯｺｳ', 'がっこう'],
    ['ﾊﾟﾝ', 'ぱん'],
    ['ヴァイオリン', 'ゔぁいおりん'],
    ['ヽヾ', 'ゝゞ'],
    ['ＡＢＣ１２３', 'abc123'],
    ['ａｂｃ', 'abc'],
    ['Swallow', 'swallow'],
    ['全角\u3000スペース', '全角 すぺーす'],
    ['漢字とひらがな', '漢字とひらがな'],
  ])('%s → %s', (text, normalized) => {
    expect(normalizeForSearch(text)).toBe(normalized);
  });
});

describe('matchesSearch', () => {
  it('finds katakana from hiragana and hiragana from katakana', () => {
    expect(matchesSearch('かたかな', ['これはカタカナです'])).toBe(true);
    expect(matchesSearch('カタカナ', ['ひらがなでかたかなと書く'])).toBe(true);
  });

  it('finds full-width from half-width and the other way', () => {
    expect(matchesSearch('abc', ['ＡＢＣの話'])).toBe(true);
    expect(matchesSearch('ＡＢＣ', ['abc'])).toBe(true);
    expect(matchesSearch('ｶﾀｶﾅ', ['カタカナ'])).toBe(true);
    expect(matchesSearch('カタカナ', ['ｶﾀｶﾅ'])).toBe(true);
  });

  it('ignores case and the spaces around the query', () => {
    expect(matchesSearch('  SWALLOW\u3000', ['Llama 3.1 Swallow'])).toBe(true);
  });

  it('matches everything with an empty query, and nothing that is not there', () => {
    expect(matchesSearch(' ', [])).toBe(true);
    expect(matchesSearch('すし', ['寿司', 'ラーメン'])).toBe(false);
  });
});
