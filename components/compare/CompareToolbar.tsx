'use client';

import { useId } from 'react';
import clsx from 'clsx';
import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button, ICON_PROPS } from '@/components/ui/Button';
import { modelLabel } from '@/lib/shared/model/profile';
import { discardComparison, setBlind, type CompareState } from '@/lib/client/compare/compare-session';
import { pairScore } from '@/lib/client/compare/tally';
import { useCompareBusy } from './useCompareBusy';

/** Title, the blind switch with the pair's tally, and "discard" while a comparison waits for its pick. */
export function CompareToolbar({ state }: { state: CompareState }) {
  const t = useTranslations('compare');
  const id = useId();
  const busy = useCompareBusy();
  const { run, targets, blind, tally } = state;
  const pair = run ? run.columns.map((c) => c.settings.model) : (targets?.map((target) => target.model) ?? []);
  const score = pair.length === 2 && !(run?.blind ?? false) ? pairScore(tally, pair[0], pair[1]) : null;

  return (
    <div className="flex flex-col gap-2 rounded-xl bg-zinc-50 p-3 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="compare-title" className="font-bold">
          {t('title')}
        </h2>
        {run && !busy && (
          <Button data-testid="compare-discard" onClick={discardComparison} icon={<Trash2 {...ICON_PROPS} />}>
            {t('discard')}
          </Button>
        )}
      </div>
      {!run && <p className="text-sm text-zinc-600 dark:text-zinc-300">{t('intro')}</p>}
      <label htmlFor={id} className="flex min-h-9 items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          role="switch"
          data-testid="compare-blind"
          checked={run ? run.blind : blind}
          disabled={run !== null}
          onChange={(e) => setBlind(e.target.checked)}
          className="size-4"
        />
        {t('blind')}
      </label>
      {score && <CompareTally score={score} className="text-sm text-zinc-700 dark:text-zinc-300" />}
      {run && !busy && (
        <p id="compare-pick-hint" role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          {t('pickHint')}
        </p>
      )}
    </div>
  );
}

/** The pair's wins so far ("A 3 – B 1"), as the toolbar shows it and the blind pick's result. */
export function CompareTally({
  score,
  className,
}: {
  score: NonNullable<ReturnType<typeof pairScore>>;
  className?: string;
}) {
  const t = useTranslations('compare');
  return (
    <p data-testid="compare-tally" className={clsx('tabular-nums', className)}>
      {t('tally', {
        first: modelLabel(score[0].model),
        firstWins: score[0].wins,
        second: modelLabel(score[1].model),
        secondWins: score[1].wins,
      })}
    </p>
  );
}
