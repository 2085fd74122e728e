'use client';

import { useSyncExternalStore } from 'react';
import clsx from 'clsx';
import { SquareSplitHorizontal } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { HeaderButton } from '@/components/ui/HeaderButton';
import { ICON_PROPS } from '@/components/ui/Button';
import { withCompareSession } from '@/lib/client/compare/compare-loader';
import { compareStore } from '@/lib/client/compare/compare-store';
import { preloadCompare } from './lazy';

/** Turns compare mode on and off (in the header row from `lg` up, in the overflow menu below). */
export function CompareToggle({ models }: { models: string[] }) {
  const t = useTranslations('compare');
  const state = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  const active = state.open || state.run !== null;
  // A comparison waiting for its pick is left by picking or discarding it, not by this button.
  const locked = state.run !== null;
  return (
    <HeaderButton
      data-testid="compare-open"
      aria-pressed={active}
      aria-disabled={locked || undefined}
      aria-describedby={locked ? 'compare-pick-hint' : undefined}
      title={t(active ? 'closeLabel' : 'openLabel')}
      // Compare mode's code is fetched when the pointer or focus reaches the button.
      onPointerEnter={preloadCompare}
      onFocus={preloadCompare}
      onClick={() => {
        if (locked) return;
        preloadCompare();
        withCompareSession((session) => (active ? session.closeCompare() : session.openCompare(models)));
      }}
      className={clsx(
        active && 'bg-brand-50 text-brand-700 dark:bg-brand-700/40 dark:text-brand-100',
        locked && 'cursor-not-allowed',
      )}
      // Two halves side by side: not the history panel's icon (PanelLeft) beside it.
      icon={<SquareSplitHorizontal {...ICON_PROPS} />}
      label={t('open')}
    />
  );
}
