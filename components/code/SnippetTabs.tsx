'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/CopyButton';
import type { Snippet } from '@/lib/client/runtime/code/snippets';

/** One tab per language (arrow keys move between them), each with its code and a copy button. */
export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const t = useTranslations('viewCode');
  const ids = useId();
  const [active, setActive] = useState(0);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      Home: 0,
      End: snippets.length - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = (moves[e.key] + snippets.length) % snippets.length;
    setActive(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div
        role="tablist"
        aria-label={t('languages')}
        onKeyDown={onKeyDown}
        className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-700"
      >
        {snippets.map((snippet, i) => (
          <button
            key={snippet.lang}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${snippet.lang}`}
            aria-selected={i === active}
            aria-controls={`${ids}-panel-${snippet.lang}`}
            tabIndex={i === active ? 0 : -1}
            data-testid="code-tab"
            data-lang={snippet.lang}
            onClick={() => setActive(i)}
            className="-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 aria-selected:border-brand-500 aria-selected:font-semibold aria-selected:text-zinc-900 dark:text-zinc-300 dark:hover:text-white dark:aria-selected:text-white"
          >
            {t(`lang.${snippet.lang}`)}
          </button>
        ))}
      </div>
      {snippets.map((snippet, i) => (
        <div
          key={snippet.lang}
          role="tabpanel"
          id={`${ids}-panel-${snippet.lang}`}
          aria-labelledby={`${ids}-tab-${snippet.lang}`}
          hidden={i !== active}
          className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700"
        >
          <div className="flex items-center justify-between gap-2 bg-zinc-100 px-3 py-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            <span>{t(`hint.${snippet.lang}`)}</span>
            <CopyButton text={() => snippet.code} label={t('copy')} copiedLabel={t('copied')} testId="code-copy" />
          </div>
          <pre
            data-testid="code-snippet"
            data-lang={snippet.lang}
            tabIndex={0}
            aria-label={t(`lang.${snippet.lang}`)}
            className="max-h-[50dvh] overflow-auto bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-900 sm:text-sm"
          >
            <code>{snippet.code}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
