'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { modelLabel } from '@/lib/shared/model/profile';
import { dismissResult } from '@/lib/client/compare/compare-session';
import { compareStore } from '@/lib/client/compare/compare-store';
import { pairScore } from '@/lib/client/compare/tally';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { CompareTally } from './CompareToolbar';

/** After a pick: which model the chat goes on with (in blind mode, the reveal and the tally). */
export function CompareResult() {
  const t = useTranslations('compare');
  const { result, tally } = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  if (!result) return null;
  const picked = modelLabel(result.picked);
  const other = result.other ? modelLabel(result.other) : null;
  const score = result.blind && result.other ? pairScore(tally, result.picked, result.other) : null;
  return (
    <Notice as="div" tone="brand" role="status" data-testid="compare-result" className="flex flex-col gap-1">
      <p>{result.blind && other ? t('resultBlind', { picked, other }) : t('result', { picked })}</p>
      {score && <CompareTally score={score} />}
      <Button variant="link" size="xs" onClick={dismissResult} className="self-start">
        {t('dismiss')}
      </Button>
    </Notice>
  );
}
