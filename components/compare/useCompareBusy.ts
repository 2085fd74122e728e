'use client';

import { useSyncExternalStore } from 'react';
import { compareBusy, subscribeCompareRun } from '@/lib/client/compare/compare-store';

/** True while either column of the comparison is asking or streaming. */
export function useCompareBusy(): boolean {
  return useSyncExternalStore(subscribeCompareRun, compareBusy, () => false);
}
