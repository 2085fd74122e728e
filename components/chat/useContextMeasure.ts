'use client';

import { useEffect, useRef, useState } from 'react';
import type { ContextMeasure } from '@/lib/ai/context-budget';
import { onFirstEngagement } from '@/lib/browser/engagement';
import type { MeasureInput } from '@/lib/context/protocol';

/**
 * The meter's figures for `input`, from the token worker. The worker (and its tokenizer) starts
 * once the visitor engages with the page, never with the first load; while a count runs the
 * newest input waits and only the latest is counted next (typing stays responsive).
 */
export function useContextMeasure(input: MeasureInput): { measure: ContextMeasure | null; current: boolean } {
  const [engaged, setEngaged] = useState(false);
  const [result, setResult] = useState<{ key: string; measure: ContextMeasure } | null>(null);
  const key = JSON.stringify(input);
  const latest = useRef({ key, input });
  const running = useRef(false);
  // Before the measuring effect below (effects run in order): the loop reads the newest input.
  useEffect(() => {
    latest.current = { key, input };
  });

  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => onFirstEngagement(() => setEngaged(true)), []);

  useEffect(() => {
    if (!engaged || running.current) return;
    running.current = true;
    void (async () => {
      try {
        const { measureRequest } = await import('@/lib/context/token-client');
        let counted = '';
        while (mounted.current && counted !== latest.current.key) {
          const next = latest.current;
          const measure = await measureRequest(next.input);
          if (mounted.current) setResult({ key: next.key, measure });
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
