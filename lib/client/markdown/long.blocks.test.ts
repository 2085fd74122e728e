import { describe, expect, it } from 'vitest';
import { createBlockSplitter, detachedCopy } from './long';

/** A full split: a new splitter scans the whole text. */
const splitMarkdownBlocks = (markdown: string) => createBlockSplitter()(markdown);

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

describe('createBlockSplitter', () => {
  it('gives the same string for a block that did not change, and the new text of the one that did', () => {
    const split = createBlockSplitter();
    const first = split('一段落目\n\n二段');
    const second = split('一段落目\n\n二段落目\n\n三');
    expect(second).toEqual(['一段落目', '二段落目', '三']);
    expect(second[0]).toBe(first[0]);
    expect(split('')).toEqual([]);
  });

  it('gives what a full split gives at every step of a streamed reply', () => {
    const reply = [
      '# 見出し',
      '',
      '段落の一行目\n二行目',
      '   ',
      '```ts\nconst a = 1;\n\n  \nconst b = 2;\n```',
      '',
      '',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      ' \t',
      '~~~~\n```\ninner\n```\n\n~~~~',
      '',
      '  字下げで始まる段落',
      '',
      '最後の段落',
    ].join('\n');
    for (const step of [1, 2, 3, 7]) {
      const split = createBlockSplitter();
      for (let end = 0; end <= reply.length; end += step) {
        const text = reply.slice(0, end);
        expect(split(text), JSON.stringify(text)).toEqual(splitMarkdownBlocks(text));
      }
      expect(split(reply)).toEqual(splitMarkdownBlocks(reply));
    }
  });

  it('starts over when the text is not a continuation of the last one', () => {
    const split = createBlockSplitter();
    split('一\n\n二\n\n三');
    expect(split('別の\n\n返答')).toEqual(['別の', '返答']);
    expect(split('別の\n\n返答\n\n続き')).toEqual(['別の', '返答', '続き']);
  });

  it('keeps no earlier version of a streaming reply alive through its finished blocks', async () => {
    // vitest.config.ts starts the test workers with --expose-gc.
    const collect = (globalThis as { gc?: () => void }).gc!;
    const paragraph = 'スワローは日本語に強い大規模言語モデルです。'.repeat(10);
    const heapAfterGc = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      collect();
      return process.memoryUsage().heapUsed;
    };
    const before = await heapAfterGc();
    const split = createBlockSplitter();
    let reply = '';
    let blocks: string[] = [];
    // 300 paragraphs of 220 characters: each version of the reply is up to ~130 KB (UTF-16);
    // blocks cut from each version without copying kept ~20 MB alive here.
    for (let i = 0; i < 300; i++) {
      reply += `${paragraph}\n\n`;
      blocks = split(reply);
    }
    reply = '';
    const retained = (await heapAfterGc()) - before;
    expect(blocks).toHaveLength(300);
    expect(retained).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('detachedCopy', () => {
  it('is equal to its input', () => {
    for (const text of ['', 'a', '日本語のテキスト'.repeat(20)]) expect(detachedCopy(text)).toBe(text);
  });
});
