'use client';

import { Children, useRef, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { useTranslations } from 'next-intl';

/**
 * Two columns side by side from `md` up; below, swipeable tabs: one column per screen width in a
 * horizontal scroll-snap strip (both stay mounted, so both stream), with tab buttons above.
 */
export function CompareColumns({ labels, children }: { labels: string[]; children: ReactNode }) {
  const t = useTranslations('compare');
  const stripRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const columns = Children.toArray(children);

  function show(index: number) {
    const strip = stripRef.current;
    strip?.scrollTo({ left: index * strip.clientWidth, behavior: 'smooth' });
    setActive(index);
  }

  return (
    <div className="flex flex-col gap-2">
      <div role="tablist" aria-label={t('tabs')} className="grid grid-cols-2 gap-1 md:hidden">
        {labels.map((label, index) => (
          <button
            key={index}
            type="button"
            role="tab"
            id={`compare-tab-${index}`}
            data-testid="compare-tab"
            aria-selected={active === index}
            aria-controls={`compare-column-${index}`}
            onClick={() => show(index)}
            className={clsx(
              'min-h-11 truncate rounded-lg border px-2 text-sm',
              active === index
                ? 'border-brand-600 bg-brand-50 font-medium text-brand-700 dark:border-brand-100 dark:bg-brand-700/40 dark:text-brand-100'
                : 'border-zinc-300 dark:border-zinc-700',
            )}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        ref={stripRef}
        data-testid="compare-strip"
        onScroll={(e) => {
          const strip = e.currentTarget;
          if (strip.clientWidth > 0) setActive(Math.round(strip.scrollLeft / strip.clientWidth));
        }}
        className="-mx-4 flex snap-x snap-mandatory gap-0 overflow-x-auto overscroll-x-contain md:mx-0 md:grid md:grid-cols-2 md:gap-4 md:overflow-visible"
      >
        {columns.map((column, index) => (
          <div
            key={index}
            id={`compare-column-${index}`}
            role="tabpanel"
            aria-labelledby={`compare-tab-${index}`}
            className="w-full min-w-0 shrink-0 snap-start px-4 md:px-0"
          >
            {column}
          </div>
        ))}
      </div>
    </div>
  );
}
