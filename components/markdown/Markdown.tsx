'use client';

import { memo, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import ReactMarkdown, { type Components } from 'react-markdown';
import { createBlockSplitter } from '@/lib/client/markdown/blocks';
import { prepareHighlighter } from '@/lib/client/markdown/highlight';
import { CHUNK_CHARS, isRisky } from '@/lib/client/markdown/long';
import { prepareMath, rehypePlugins, remarkPlugins } from '@/lib/client/markdown/pipeline';
import { CodeBlock, Formula } from './CodeBlock';
import { LongMarkdown } from './LongMarkdown';

// Raw HTML in model output is shown as text: react-markdown escapes it unless rehype-raw
// is added (never add it), and its default urlTransform drops javascript: and data: links.
const components: Components = {
  pre: CodeBlock,
  // Inline math (remark-math's `code.math-inline`); display math is a `pre` (CodeBlock).
  code: ({ node: _node, className, children, ...props }) =>
    className?.includes('math-inline') ? (
      <Formula source={String(children)} display={false} />
    ) : (
      <code className={className} {...props}>
        {children}
      </code>
    ),
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  table: ({ node: _node, ...props }) => (
    <div className="overflow-x-auto">
      <table {...props} />
    </div>
  ),
};

/** Never shown: what a reply may contain, to run every part of the pipeline once. */
const WARM_UP_SAMPLE =
  '# 見出し\n\n日本語の**「段落」**と`コード`、[リンク](https://example.com)、https://example.com/docs。\n\n- 項目\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nconst a = 1;\n```';

// When the page is next idle after this module loads: grammars registered, then the whole
// pipeline (parse, GFM, highlight, JSX, DOM) run once on a sample in a detached root, so that
// none of it runs cold in the render of a reply's first characters. Code blocks render as plain
// <pre> there: CodeBlock needs the page's translations.
const { pre: _codeBlock, ...warmUpComponents } = components;

function warmUp(): void {
  const root = createRoot(document.createElement('div'));
  flushSync(() =>
    root.render(
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={warmUpComponents}>
        {WARM_UP_SAMPLE}
      </ReactMarkdown>,
    ),
  );
  root.unmount();
}

if (typeof window !== 'undefined') {
  const whenIdle = (task: () => void) =>
    window.requestIdleCallback ? window.requestIdleCallback(task, { timeout: 1000 }) : window.setTimeout(task, 0);
  whenIdle(() => {
    prepareHighlighter();
    whenIdle(warmUp);
  });
}

/** One block; `streaming`: the last block of a reply still streaming (its math may not be closed yet). */
const MarkdownBlock = memo(function MarkdownBlock({ text, streaming = false }: { text: string; streaming?: boolean }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {prepareMath(text, streaming)}
    </ReactMarkdown>
  );
});

/**
 * Renders Markdown block by block so a streaming reply re-parses only its growing tail. A text
 * that is long or would not parse in linear time when first shown (a message shown whole:
 * pasted, imported, from a share link or history, not a reply's first tokens) is rendered in
 * parts as they come near the screen instead (LongMarkdown, lib/client/markdown/long.ts).
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const [whole] = useState(() => text.length > CHUNK_CHARS || isRisky(text));
  return whole ? (
    <LongMarkdown text={text} Block={MarkdownBlock} />
  ) : (
    <StreamedMarkdown text={text} streaming={streaming} />
  );
}

function StreamedMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  // A cache of this reply's blocks: unchanged blocks stay the same strings (blocks.ts).
  const [split] = useState(createBlockSplitter);
  const blocks = useMemo(() => split(text), [split, text]);
  return (
    <div className="prose-chat">
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} text={block} streaming={streaming && index === blocks.length - 1} />
      ))}
    </div>
  );
}
