import { describe, expect, it } from 'vitest';
import { TITLE_WIDTH, cutTitle, firstLine, titleWidth } from './title';

describe('firstLine', () => {
  it('takes the first line with text, without Markdown marks, on one line', () => {
    expect(firstLine('\n\n  ## 見出し です  \n本文')).toBe('見出し です');
    expect(firstLine('- 箇条書き\n- 二つ目')).toBe('箇条書き');
    expect(firstLine('> 1. quoted item')).toBe('quoted item');
    expect(firstLine('  \n\t')).toBe('');
  });
});

describe('cutTitle', () => {
  it('keeps a title that fits', () => {
    expect(cutTitle('今日は何曜日？')).toBe('今日は何曜日？');
    expect(cutTitle('Explain Tokyo trains')).toBe('Explain Tokyo trains');
  });

  it('cuts Japanese between words, not inside one', () => {
    const title = cutTitle('TypeScript で東京の天気を取得するコードを書いてください');
    expect(title).toBe('TypeScript で東京の天気を取得するコード…');
    expect(titleWidth(title)).toBeLessThanOrEqual(TITLE_WIDTH);
    // 「天気」「取得」「コード」 are never split.
    for (const word of ['天気', '取得', 'コード'])
      expect(title.includes(word.slice(0, 1)) === title.includes(word)).toBe(true);
  });

  it('prefers to end after 、 or 。 when it falls late enough', () => {
    expect(cutTitle('来週の会議について、議題と参加者と場所を整理してメールの下書きを作ってください')).toBe(
      '来週の会議について…',
    );
    // Too early (under half the width): the word boundary wins.
    expect(cutTitle('はい、それでは来週の定例会議の議題と参加者と場所を整理してください')).not.toBe('はい…');
  });

  it('cuts English at a space, about six words', () => {
    expect(cutTitle('How do I write a debounce function in TypeScript with generics?')).toBe(
      'How do I write a debounce function in…',
    );
  });

  it('cuts inside a word only when one word is wider than the title', () => {
    const url = `https://example.com/${'a'.repeat(80)}`;
    const title = cutTitle(url);
    expect(title.endsWith('…')).toBe(true);
    expect(titleWidth(title)).toBeLessThanOrEqual(TITLE_WIDTH);
    expect(url.startsWith(title.slice(0, -1))).toBe(true);
  });

  it('does not end on a comma or an opening bracket before the ellipsis', () => {
    const title = cutTitle('東京と大阪と名古屋と福岡と札幌と仙台と（広島）の天気');
    expect(title).not.toMatch(/[、（]…$/u);
  });
});
