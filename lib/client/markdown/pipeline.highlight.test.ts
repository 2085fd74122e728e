import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { codeLanguage, prepareHighlighter, rehypeHighlightCode } from './pipeline';

const code = (className: string[] | undefined, text: string): Element => ({
  type: 'element',
  tagName: 'code',
  properties: className ? { className } : {},
  children: [{ type: 'text', value: text }],
});
const pre = (child: Element): Root => ({
  type: 'root',
  children: [{ type: 'element', tagName: 'pre', properties: {}, children: [child] }],
});
const run = (tree: Root) => rehypeHighlightCode()(tree);
const spans = (node: Element) => node.children.filter((c) => c.type === 'element');

describe('codeLanguage', () => {
  it('reads language-* and lang-*', () => {
    expect(codeLanguage(code(['language-ts'], ''))).toBe('ts');
    expect(codeLanguage(code(['lang-py'], ''))).toBe('py');
    expect(codeLanguage(code(undefined, ''))).toBeUndefined();
  });
  it('is false for no-highlight', () => expect(codeLanguage(code(['language-ts', 'nohighlight'], ''))).toBe(false));
});

describe('rehypeHighlightCode', () => {
  it('highlights fenced code in a named language, keeping the text', () => {
    const node = code(['language-ts'], 'const a: number = 1; // コメント');
    run(pre(node));
    expect(node.properties.className).toEqual(['hljs', 'language-ts']);
    expect(spans(node).length).toBeGreaterThan(0);
    const text = (n: Element | { type: string; value?: string }): string =>
      'children' in n ? (n as Element).children.map(text).join('') : ((n as { value?: string }).value ?? '');
    expect(text(node)).toBe('const a: number = 1; // コメント');
  });

  it('leaves code without a language, or in an unknown one, as plain text', () => {
    for (const node of [code(undefined, 'x = 1'), code(['language-nosuchlang'], 'x = 1')]) {
      run(pre(node));
      expect(node.children).toEqual([{ type: 'text', value: 'x = 1' }]);
    }
  });

  it('leaves inline code (not inside pre) alone', () => {
    const inline = code(['language-ts'], 'let a');
    const tree: Root = {
      type: 'root',
      children: [{ type: 'element', tagName: 'p', properties: {}, children: [inline] }],
    };
    run(tree);
    expect(inline.children).toEqual([{ type: 'text', value: 'let a' }]);
  });

  it('highlights the same after the grammars were prepared ahead', () => {
    const before = code(['language-bash'], 'echo "$HOME"');
    run(pre(before));
    prepareHighlighter();
    const after = code(['language-bash'], 'echo "$HOME"');
    run(pre(after));
    expect(after).toEqual(before);
    expect(spans(after).length).toBeGreaterThan(0);
  });

  it('gives the same result on every run (one shared instance)', () => {
    const a = code(['language-python'], 'def f():\n    return 1');
    const b = code(['language-python'], 'def f():\n    return 1');
    run(pre(a));
    run(pre(b));
    expect(b).toEqual(a);
  });
});
