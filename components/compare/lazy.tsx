'use client';

import { lazy } from 'react';
import { preloadCompareSession } from '@/lib/client/compare/compare-loader';

// Not in the chat's first load: fetched when the compare toggle is hovered or focused, or when
// compare mode opens some other way (a saved comparison, a share link).
const loadCompareView = () => import('./compare-view');
export const LazyComparePanel = lazy(() => loadCompareView().then((m) => ({ default: m.ComparePanel })));
export const LazyCompareResult = lazy(() => loadCompareView().then((m) => ({ default: m.CompareResult })));

/** Starts loading compare mode (its session and its view); a failure is tried again on use. */
export function preloadCompare(): void {
  preloadCompareSession();
  loadCompareView().catch(() => undefined);
}
