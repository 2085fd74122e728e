'use client';

import type { ComponentPropsWithoutRef, ReactElement, ReactNode } from 'react';
import { lazy, Suspense, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Element } from 'hast';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/CopyButton';
import { textOf } from '@/lib/client/markdown/highlight';

type PreProps = ComponentPropsWithoutRef<'pre'> & { node?: Element; 'data-open'?: string };
type ChildProps = { className?: string; 'data-open'?: string };

// mermaid (~1 MB) loads with the first finished ```mermaid block, never with the page.
const Diagram = lazy(() => import('./Diagram').then((m) => ({ default: m.Diagram })));

/**
 * A fenced code block: language label, highlighted code (lib/client/markdown/highlight.ts), copy
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
