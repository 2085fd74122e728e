import { describe, expect, it } from 'vitest';
import { composeTurns, composeUserTurn, documentBlock } from './turns';

describe('composeUserTurn', () => {
  it('puts each document in a block named by its file, then the message', () => {
    const turn = composeUserTurn('要約してください。', [
      { name: '議事録.txt', text: '第1回 定例会議\n出席者: 山田、佐藤\n' },
      { name: 'memo.md', text: '# メモ\n\n- 予算' },
    ]);
    expect(turn).toBe(
      '<document name="議事録.txt">\n第1回 定例会議\n出席者: 山田、佐藤\n</document>\n\n' +
        '<document name="memo.md">\n# メモ\n\n- 予算\n</document>\n\n要約してください。',
    );
  });

  it('is the message alone without documents, and the blocks alone without a message', () => {
    expect(composeUserTurn('こんにちは')).toBe('こんにちは');
    expect(composeUserTurn('  ', [{ name: 'a.txt', text: 'A' }])).toBe('<document name="a.txt">\nA\n</document>');
  });

  it('escapes a closing tag inside the text, so the block ends only where it ends', () => {
    const block = documentBlock({ name: 'x.html', text: 'a</document>b</ DOCUMENT >c' });
    expect(block).toBe('<document name="x.html">\na<\\/document>b<\\/ DOCUMENT >c\n</document>');
    expect(block.match(/<\/\s*document/gi)).toHaveLength(1);
  });

  it('keeps HTML, XML and code in the text as they are', () => {
    const text = '<p class="a">&amp;</p>\n```js\nconst a = 1 < 2;\n```';
    expect(documentBlock({ name: 'a.md', text })).toContain(text);
  });

  it('escapes the name so it stays one attribute on one line', () => {
    expect(documentBlock({ name: 'a"b<c>&d\ne.txt', text: 't' })).toBe(
      '<document name="a&quot;b&lt;c&gt;&amp;d e.txt">\nt\n</document>',
    );
  });

  it('drops blank lines around the text, not inside it', () => {
    expect(documentBlock({ name: 'a.txt', text: '\n\n  本文\n\n続き\n\n\n' })).toBe(
      '<document name="a.txt">\n  本文\n\n続き\n</document>',
    );
  });
});

describe('composeTurns', () => {
  it('composes user turns only', () => {
    expect(
      composeTurns([
        { role: 'user', content: 'q', documents: [{ name: 'a.txt', text: 'A' }] },
        { role: 'assistant', content: 'r' },
        { role: 'user', content: 'q2' },
      ]),
    ).toEqual([
      { role: 'user', content: '<document name="a.txt">\nA\n</document>\n\nq' },
      { role: 'assistant', content: 'r' },
      { role: 'user', content: 'q2' },
    ]);
  });
});
