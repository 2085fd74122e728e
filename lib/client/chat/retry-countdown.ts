import type { ClientChatError } from './client-error';

/**
 * Seconds the server asked the user to wait before retrying a failed turn, if it asked: an
 * upstream's `Retry-After` (rate_limited, or any other code that carried one) or our own 429s
 * (too_many_requests, too_many_streams). The retry button waits that long.
 */
export function retryWaitSeconds(error: Pick<ClientChatError, 'retryAfterSeconds'>): number | undefined {
  const seconds = error.retryAfterSeconds;
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Whole seconds left until `deadlineMs`, rounded up (1 until the very end); 0 once it has passed. */
export function secondsLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/** Milliseconds until `secondsLeft` next changes; 0 when it has reached 0. */
export function msUntilNextSecond(deadlineMs: number, nowMs: number): number {
  const remaining = deadlineMs - nowMs;
  return remaining <= 0 ? 0 : remaining % 1000 || 1000;
}
