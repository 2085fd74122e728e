import { describe, expect, it } from 'vitest';
import { TITLE_WIDTH, cleanModelTitle, cutTitle, firstLine, titleFrom, titleWidth } from './title';

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

describe('titleFrom', () => {
  it('titles by the first line of the first user message, cut for the sidebar', () => {
    expect(titleFrom([{ role: 'user', text: '  一行目\n二行目 ' }])).toBe('一行目');
    expect(titleWidth(titleFrom([{ role: 'user', text: 'あ'.repeat(200) }]))).toBeLessThanOrEqual(TITLE_WIDTH);
    expect(titleFrom([{ role: 'assistant', text: '返事' }])).toBe('');
  });

  it('titles a message of documents only by its first file', () => {
    expect(titleFrom([{ role: 'user', text: '', documents: [{ name: '議事録.md' }] }])).toBe('議事録.md');
  });
});

describe('cleanModelTitle', () => {
  it('takes quotes, Markdown, labels and a closing full stop off', () => {
    expect(cleanModelTitle('「東京の天気予報」')).toBe('東京の天気予報');
    expect(cleanModelTitle('**タイトル：『週末の京都旅行』**\n')).toBe('週末の京都旅行');
    expect(cleanModelTitle('# "Weekend Trip to Kyoto."')).toBe('Weekend Trip to Kyoto');
    expect(cleanModelTitle('Title: `snake_case` naming')).toBe('snake_case naming');
  });

  it('keeps the first line only, and drops reasoning before it', () => {
    expect(cleanModelTitle('<think>ユーザーは天気を聞いている。</think>\n\n東京の天気\n説明：…')).toBe('東京の天気');
    expect(cleanModelTitle('<think>still thinking when max_tokens ran out')).toBe('');
    expect(cleanModelTitle(' \n「」\n')).toBe('');
  });

  it('cuts a title that is too long at a word', () => {
    const title = cleanModelTitle('TypeScript で東京の天気を取得するコードの書き方と注意点');
    expect(titleWidth(title)).toBeLessThanOrEqual(TITLE_WIDTH);
    expect(title.endsWith('…')).toBe(true);
  });
});
