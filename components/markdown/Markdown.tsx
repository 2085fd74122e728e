'use client';

import {
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  memo,
  useState,
  type ComponentPropsWithoutRef,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { Element } from 'hast';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/CopyButton';
import { textOf, prepareHighlighter, prepareMath, rehypePlugins, remarkPlugins } from '@/lib/client/markdown/pipeline';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import ReactMarkdown, { type Components } from 'react-markdown';
import { createBlockSplitter, CHUNK_CHARS, isRisky } from '@/lib/client/markdown/long';
import { LongMarkdown } from './LongMarkdown';

type PreProps = ComponentPropsWithoutRef<'pre'> & { node?: Element; 'data-open'?: string };
type ChildProps = { className?: string; 'data-open'?: string };

// mermaid (~1 MB) loads with the first finished ```mermaid block, never with the page.
const Diagram = lazy(() => import('./Diagram').then((m) => ({ default: m.Diagram })));

/**
 * A fenced code block: language label, highlighted code (lib/client/markdown/pipeline.ts), copy
 * button. Display math (remark-math's `pre`) is a formula; a finished ```mermaid block a diagram.
 */
export function CodeBlock({ children, node, ...props }: PreProps) {
  const t = useTranslations('markdown');
  const child = children as ReactElement<ChildProps> | undefined;
  const className = child?.props?.className ?? '';
  // Not closed yet (a reply still streaming it): lib/client/markdown/pipeline.ts marks it.
  const open = props['data-open'] === 'true' || child?.props?.['data-open'] === 'true';
  if (className.includes('math-display')) return <Formula source={node ? textOf(node) : ''} display open={open} />;
  const language = /language-([\w+-]+)/.exec(className)?.[1];
  const source = (note?: ReactNode) => (
    <SourceBlock language={language} note={note} {...props}>
      {children}
    </SourceBlock>
  );
  if (language !== 'mermaid') return source();
  if (open) return source(t('diagramPending'));
  return (
    <Suspense fallback={source()}>
      <Diagram source={node ? textOf(node) : ''} renderSource={source} />
    </Suspense>
  );
}

function SourceBlock({
  language,
  note,
  children,
  ...props
}: ComponentPropsWithoutRef<'pre'> & { language: string | undefined; note?: ReactNode }) {
  const t = useTranslations('markdown');
  const preRef = useRef<HTMLPreElement>(null);
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700" data-testid="code-block">
      <div className="flex items-center justify-between bg-zinc-100 px-3 py-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        <span>{language ?? 'text'}</span>
        <CopyButton
          text={() => preRef.current?.innerText ?? ''}
          label={t('copyCode')}
          copiedLabel={t('copied')}
          testId="copy-code"
        />
      </div>
      <pre ref={preRef} {...props} className="overflow-x-auto bg-zinc-50 p-3 font-mono text-sm dark:bg-zinc-900">
        {children}
      </pre>
      {note && (
        <p
          data-testid="code-block-note"
          className="whitespace-pre-wrap break-words border-t border-zinc-200 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-300"
        >
          {note}
        </p>
      )}
    </div>
  );
}

// KaTeX (its code, stylesheet and fonts) loads with the first formula shown, never with the page.
type Katex = typeof import('@/lib/client/markdown/katex');
let katex: Katex | null = null;
let katexLoad: Promise<void> | null = null;
const katexListeners = new Set<() => void>();
function loadKatex(): void {
  katexLoad ??= import('@/lib/client/markdown/katex').then(
    (module) => {
      katex = module;
      katexListeners.forEach((listener) => listener());
    },
    () => {
      katexLoad = null; // tried again by the next formula
    },
  );
}
const subscribeKatex = (listener: () => void) => {
  katexListeners.add(listener);
  return () => void katexListeners.delete(listener);
};

/**
 * A formula (remark-math's math, lib/client/markdown/pipeline.ts): KaTeX's HTML and MathML once
 * KaTeX has loaded. Its source, styled as code, until then, while it is not closed, and when
 * KaTeX cannot read it (with the reason as its tooltip): never KaTeX's red error text.
 */
export function Formula({ source, display, open = false }: { source: string; display: boolean; open?: boolean }) {
  const t = useTranslations('markdown');
  const loaded = useSyncExternalStore(
    subscribeKatex,
    () => katex,
    () => null,
  );
  useEffect(() => {
    if (!open) loadKatex();
  }, [open]);
  const html = useMemo(
    () => (loaded && !open ? loaded.renderFormula(source, display) : null),
    [loaded, open, source, display],
  );
  const failed = loaded !== null && !open && html === null;
  if (html !== null)
    return display ? (
      <div className="math-display" dangerouslySetInnerHTML={{ __html: html }} />
    ) : (
      <span dangerouslySetInnerHTML={{ __html: html }} />
    );
  const title = failed ? t('mathError') : undefined;
  return display ? (
    <pre data-math-source={failed ? 'error' : 'pending'} title={title} className="math-source overflow-x-auto">
      <code>{source}</code>
    </pre>
  ) : (
    <code data-math-source={failed ? 'error' : 'pending'} title={title} className="math-source">
      {source}
    </code>
  );
}

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
// <pre> there: CodeBlock needs the page's translations. Not when replies have already been
// rendered by then (a conversation opened as the renderer loaded): they ran it all, and the
// sample was ~2 % of opening a 500-message conversation (issue #35).
const { pre: _codeBlock, ...warmUpComponents } = components;
let rendered = false;

function warmUp(): void {
  if (rendered) return;
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
  useEffect(() => void (rendered = true), []);
  return whole ? (
    <LongMarkdown text={text} Block={MarkdownBlock} />
  ) : (
    <StreamedMarkdown text={text} streaming={streaming} />
  );
}

function StreamedMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  // A cache of this reply's blocks: unchanged blocks stay the same strings (long.ts).
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
