import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks } from './blocks';

describe('splitMarkdownBlocks', () => {
  it('splits paragraphs at blank lines', () => {
    expect(splitMarkdownBlocks('一段落目\n続き\n\n二段落目\n\n\n三')).toEqual(['一段落目\n続き', '二段落目', '三']);
  });

  it('keeps a fenced code block with blank lines whole', () => {
    const code = '```ts\nconst a = 1;\n\nconst b = 2;\n```';
    expect(splitMarkdownBlocks(`前\n\n${code}\n\n後`)).toEqual(['前', code, '後']);
  });

  it('keeps an unfinished fence (still streaming) in one block', () => {
    expect(splitMarkdownBlocks('```py\nprint(1)\n\nprint(2)')).toEqual(['```py\nprint(1)\n\nprint(2)']);
  });

  it('only closes a fence with the same marker, at least as long', () => {
    const text = '````md\n```\ninner\n```\n\nstill code\n````';
    expect(splitMarkdownBlocks(text)).toEqual([text]);
  });

  it('keeps a table together', () => {
    const table = '| a | b |\n|---|---|\n| 1 | 2 |';
    expect(splitMarkdownBlocks(`${table}\n\nend`)).toEqual([table, 'end']);
  });

  it('gives nothing for empty text', () => expect(splitMarkdownBlocks('')).toEqual([]));
});
