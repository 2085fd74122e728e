import type { ReactNode } from 'react';

/** One column's box: its name (and controls) on top, the content below. */
export function ColumnFrame({
  name,
  headerExtra,
  model,
  status,
  children,
}: {
  name: string;
  headerExtra?: ReactNode;
  /** data-model: left out while a blind comparison hides it. */
  model?: string;
  status?: string;
  children: ReactNode;
}) {
  return (
    <article
      data-testid="compare-column"
      data-model={model}
      data-status={status}
      aria-label={name}
      className="flex h-full min-w-0 flex-col gap-3 rounded-2xl border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <header className="flex min-h-9 items-center justify-between gap-2">
        <h3 data-testid="compare-column-name" className="min-w-0 truncate text-sm font-bold">
          {name}
        </h3>
        {headerExtra}
      </header>
      {children}
    </article>
  );
}
