'use client';

import { memo, useMemo, useState } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { createBlockSplitter } from '@/lib/markdown/blocks';
import { prepareHighlighter, rehypeHighlightCode } from '@/lib/markdown/highlight';
import { CodeBlock } from './CodeBlock';

// Raw HTML in model output is shown as text: react-markdown escapes it unless rehype-raw
// is added (never add it), and its default urlTransform drops javascript: and data: links.
const components: Components = {
  pre: CodeBlock,
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  table: ({ node: _node, ...props }) => (
    <div className="overflow-x-auto">
      <table {...props} />
    </div>
  ),
};

// Grammars are registered when the page is next idle after this module loads, not during the
// render of the first code block (a 10-20 ms piece of a long task otherwise).
if (typeof window !== 'undefined') {
  if (window.requestIdleCallback) window.requestIdleCallback(prepareHighlighter, { timeout: 1000 });
  else window.setTimeout(prepareHighlighter, 0);
}

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeHighlightCode];

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  );
});

/** Renders Markdown block by block so a streaming reply re-parses only its growing tail. */
export function Markdown({ text }: { text: string }) {
  // A cache of this reply's blocks: unchanged blocks stay the same strings (blocks.ts).
  const [split] = useState(createBlockSplitter);
  const blocks = useMemo(() => split(text), [split, text]);
  return (
    <div className="prose-chat">
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} text={block} />
      ))}
    </div>
  );
}
