'use client';

import { startTransition, useEffect, useRef, useState } from 'react';
import type { ContextMeasure } from '@/lib/shared/ai/context-budget';
import { afterLoadAndIdle, onFirstEngagement } from '@/lib/client/browser/engagement';
import type { MeasureInput } from '@/lib/client/context/protocol';

/** A number for each base request object: a new object (memoised by useMeter) is a new base. */
const baseKeys = new WeakMap<MeasureInput, number>();
let lastBaseKey = 0;
function baseKeyOf(base: MeasureInput): number {
  let key = baseKeys.get(base);
  if (key === undefined) {
    key = ++lastBaseKey;
    baseKeys.set(base, key);
  }
  return key;
}

/**
 * The meter's figures for `base` (the request with an empty draft, lib/client/context/meter-input.ts)
 * with `draft` typed, from the token worker. The worker (and its tokenizer) starts once the
 * visitor engages with the page or the page is idle after its load, never with the first load;
 * while a count runs the newest input waits and only the latest is counted next (typing stays
 * responsive). A keystroke changes only
 * the draft: the documents' text is neither compared, nor serialised, nor posted again (a 5 MB
 * CSV's text was, with every render).
 */
export function useContextMeasure(
  base: MeasureInput,
  draft: string,
): { measure: ContextMeasure | null; current: boolean } {
  const [engaged, setEngaged] = useState(false);
  const [result, setResult] = useState<{ key: string; measure: ContextMeasure } | null>(null);
  const baseKey = baseKeyOf(base);
  const key = `${baseKey}:${draft}`;
  const latest = useRef({ key, base, baseKey, draft });
  const running = useRef(false);
  // Before the measuring effect below (effects run in order): the loop reads the newest input.
  useEffect(() => {
    latest.current = { key, base, baseKey, draft };
  });

  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // The visitor's first action starts the count; so does the page being idle after its load, so
  // the meter shows a count on a first visit or after a reload without anything typed (a phone
  // has no pointer to move, and a composer focused on load fires no focus event to notice).
  useEffect(() => {
    // Transitions, here and for the result: React renders the meter in slices it can interrupt,
    // never as one task that keeps a keystroke or the page's start waiting.
    const engage = () => startTransition(() => setEngaged(true));
    const cancelEngagement = onFirstEngagement(engage);
    const cancelIdle = afterLoadAndIdle(engage);
    return () => {
      cancelEngagement();
      cancelIdle();
    };
  }, []);

  useEffect(() => {
    if (!engaged || running.current) return;
    running.current = true;
    void (async () => {
      try {
        const { measureDraft } = await import('@/lib/client/context/token-client');
        let counted = '';
        while (mounted.current && counted !== latest.current.key) {
          const next = latest.current;
          const measure = await measureDraft(next.base, next.baseKey, next.draft);
          if (mounted.current) startTransition(() => setResult({ key: next.key, measure }));
          counted = next.key;
        }
      } catch {
        // No worker: the meter keeps saying it is counting; the server still budgets and refuses.
      } finally {
        running.current = false;
      }
    })();
  }, [engaged, key]);

  return { measure: result?.measure ?? null, current: result?.key === key };
}
