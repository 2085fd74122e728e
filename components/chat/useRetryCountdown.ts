'use client';

import { useEffect, useState } from 'react';
import { msUntilNextSecond, secondsLeft } from '@/lib/client/chat/retry-countdown';

/**
 * Whole seconds left of a wait of `seconds` that began when `error` was first shown, ticking
 * down to 0 (0 at once when there is no wait). A new error starts its own wait.
 */
export function useRetryCountdown(error: object, seconds: number): number {
  const [state, setState] = useState({ error, left: seconds });

  useEffect(() => {
    if (seconds <= 0) return;
    const deadline = Date.now() + seconds * 1000;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = Date.now();
      setState({ error, left: secondsLeft(deadline, now) });
      const next = msUntilNextSecond(deadline, now);
      if (next > 0) timer = setTimeout(tick, next);
    };
    timer = setTimeout(tick, msUntilNextSecond(deadline, Date.now()));
    return () => clearTimeout(timer);
  }, [error, seconds]);

  return state.error === error ? state.left : Math.max(0, seconds);
}
