'use client';

import { useEffect, useId, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { useMediaQuery } from '@/components/chat/Composer';
import { themeStore } from '@/lib/shared/ui/theme';

type Drawn = { svg: string; dark: boolean } | { error: string } | null;

/**
 * mermaid draws one diagram at a time: its configuration (the theme) is global, so each drawing
 * sets it and renders before the next one starts.
 */
let queue: Promise<unknown> = Promise.resolve();
let drawings = 0;

async function draw(id: string, source: string, dark: boolean): Promise<string> {
  const { default: mermaid } = await import('mermaid');
  const drawing = queue.then(async () => {
    mermaid.initialize({
      startOnLoad: false,
      // No click handlers, labels sanitised (DOMPurify).
      securityLevel: 'strict',
      // Labels as SVG text, never parsed as HTML: `<img onerror=…>` in a label stays text (with
      // HTML labels the browser parsed it while measuring, and only the CSP stopped the handler).
      htmlLabels: false,
      theme: dark ? 'dark' : 'default',
      fontFamily: 'inherit',
    });
    const text = withoutHtmlTags(source);
    await mermaid.parse(text);
    // A new id per drawing: mermaid removes any element with its id first (the diagram shown).
    return (await mermaid.render(`${id}-${++drawings}`, text)).svg;
  });
  queue = drawing.catch(() => undefined);
  return drawing;
}

/**
 * The source without HTML tags but `<br>`: labels are drawn as text, and no tag a model wrote
 * (`<img onerror=…>`) reaches mermaid's own HTML handling. Arrows (`<-->`, `<|--`) and
 * annotations (`<<interface>>`) are not tags and stay.
 */
function withoutHtmlTags(source: string): string {
  return source.replace(/(?<!<)<\/?([a-zA-Z][\w-]*)(?:\s[^<>]*)?\/?>(?!>)/g, (tag, name: string) =>
    name.toLowerCase() === 'br' ? tag : '',
  );
}

/** The reason mermaid gives, shortened: its parse errors run to several lines. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * A finished ```mermaid block drawn as a diagram (an SVG in the page, no script of its own), in
 * the theme's colours, with a switch to its source. Until mermaid has drawn it, and when it
 * cannot, the block's source (with the reason).
 */
export function Diagram({ source, renderSource }: { source: string; renderSource: (note?: ReactNode) => ReactNode }) {
  const t = useTranslations('markdown');
  const id = `mermaid-${useId().replace(/[^\w-]/g, '')}`;
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get, () => 'system' as const);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  const [drawn, setDrawn] = useState<Drawn>(null);
  const [showSource, setShowSource] = useState(false);

  useEffect(() => {
    let current = true;
    draw(id, source, dark).then(
      (svg) => current && setDrawn({ svg, dark }),
      (error: unknown) => current && setDrawn({ error: reasonOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, source, dark]);

  if (drawn === null) return renderSource(t('diagramDrawing'));
  if ('error' in drawn) return renderSource(t('diagramError', { reason: drawn.error }));
  return (
    <div data-testid="diagram" className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700">
      <div className="flex items-center justify-between gap-2 bg-zinc-100 px-3 py-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        <span>mermaid</span>
        <span className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="xs"
            data-testid="diagram-source-toggle"
            onClick={() => setShowSource((shown) => !shown)}
          >
            {showSource ? t('diagramShowDiagram') : t('diagramShowSource')}
          </Button>
          <CopyButton text={() => source} label={t('copyCode')} copiedLabel={t('copied')} testId="copy-code" />
        </span>
      </div>
      {showSource ? (
        <pre className="overflow-x-auto bg-zinc-50 p-3 font-mono text-sm dark:bg-zinc-900">
          <code>{source}</code>
        </pre>
      ) : (
        <figure
          aria-label={t('diagram')}
          className="overflow-x-auto bg-white p-3 dark:bg-zinc-900 [&_svg]:mx-auto [&_svg]:h-auto"
          dangerouslySetInnerHTML={{ __html: drawn.svg }}
        />
      )}
    </div>
  );
}
