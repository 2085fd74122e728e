import type { Element, ElementContent, Root, RootContent } from 'hast';
import { common, createLowlight } from 'lowlight';

type Lowlight = ReturnType<typeof createLowlight>;

/**
 * One highlight.js instance for the whole page. rehype-highlight builds a new one (registering
 * and compiling every grammar again) each time a Markdown processor is created, and
 * react-markdown creates one per render: that was most of the main-thread time while a reply
 * streamed.
 */
let shared: Lowlight | null = null;
function lowlight(): Lowlight {
  shared ??= createLowlight(common);
  return shared;
}

/**
 * Registers the grammars ahead of the first code block (call when the page is idle), so the
 * first highlight of a streaming reply does not pay for it in the middle of a render.
 */
export function prepareHighlighter(): void {
  lowlight();
}

/** The language of a `<code>` element from its `language-*` / `lang-*` class; false for no-highlight. */
export function codeLanguage(node: Element): string | false | undefined {
  const classes = node.properties?.className;
  if (!Array.isArray(classes)) return undefined;
  let name: string | undefined;
  for (const value of classes.map(String)) {
    if (value === 'no-highlight' || value === 'nohighlight') return false;
    name ??= /^(?:language|lang)-(.+)$/.exec(value)?.[1];
  }
  return name;
}

/** The text of a hast node and everything in it. */
export function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

function highlightCode(code: Element): void {
  const language = codeLanguage(code);
  if (!language || !lowlight().registered(language)) return;
  const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
  if (!classes.includes('hljs')) code.properties.className = ['hljs', ...classes];
  const result = lowlight().highlight(language, textOf(code));
  if (result.children.length > 0) code.children = result.children as ElementContent[];
}

function visit(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (node.type === 'element' && node.tagName === 'pre' && child.tagName === 'code') highlightCode(child);
    else visit(child);
  }
}

/**
 * Rehype plugin: highlights fenced code that names its language (no guessing), like
 * rehype-highlight with `detect: false`.
 */
export function rehypeHighlightCode() {
  return (tree: Root) => visit(tree);
}
