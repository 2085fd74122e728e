'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { modelLabel } from '@/lib/shared/ai/model-label';
import { dismissResult } from '@/lib/client/compare/compare-session';
import { compareStore } from '@/lib/client/compare/compare-store';
import { pairScore } from '@/lib/client/compare/tally';

/** After a pick: which model the chat goes on with (in blind mode, the reveal and the tally). */
export function CompareResult() {
  const t = useTranslations('compare');
  const { result, tally } = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  if (!result) return null;
  const picked = modelLabel(result.picked);
  const other = result.other ? modelLabel(result.other) : null;
  const score = result.blind && result.other ? pairScore(tally, result.picked, result.other) : null;
  return (
    <div
      role="status"
      data-testid="compare-result"
      className="flex flex-col gap-1 rounded-lg bg-brand-50 px-3 py-2 text-sm text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50"
    >
      <p>{result.blind && other ? t('resultBlind', { picked, other }) : t('result', { picked })}</p>
      {score && (
        <p data-testid="compare-tally" className="tabular-nums">
          {t('tally', {
            first: modelLabel(score[0].model),
            firstWins: score[0].wins,
            second: modelLabel(score[1].model),
            secondWins: score[1].wins,
          })}
        </p>
      )}
      <button type="button" onClick={dismissResult} className="self-start text-xs underline">
        {t('dismiss')}
      </button>
    </div>
  );
}
