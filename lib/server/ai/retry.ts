import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { APICallError } from 'ai';
import { retryAfterMs } from './errors';

/**
 * The longest wait sat out before a silent retry. A longer one (an upstream 429 with
 * `Retry-After: 17`) would hold the user's spinner and then spend their quota on a retry that
 * likely fails too: the error goes to the browser at once instead, carrying the server's wait
 * (`retryAfterSeconds`), and the browser counts it down before offering to retry.
 */
export const MAX_SILENT_WAIT_MS = 2000;

/**
 * How long to wait before trying a failed model call again, or undefined when it must not be
 * retried silently: the server's `retry-after-ms` / `retry-after` when it gives one (a date in
 * the past counts as none), else the backoff delay. Either only up to `maxWaitMs`: the rule is
 * about how long the user waits, not who chose the wait (stream-chat's one retry backs off 2 s).
 */
export function retryDelayMs(
  error: unknown,
  backoffMs: number,
  now = Date.now(),
  maxWaitMs = MAX_SILENT_WAIT_MS,
): number | undefined {
  const serverMs = APICallError.isInstance(error) ? retryAfterMs(error.responseHeaders, now) : undefined;
  const ms = serverMs !== undefined && serverMs >= 0 ? serverMs : backoffMs;
  return ms <= maxWaitMs ? ms : undefined;
}

const isRetryable = (error: unknown): boolean => APICallError.isInstance(error) && error.isRetryable;

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** The first backoff delay; it doubles on each further retry (the SDK's defaults). */
  initialDelayMs?: number;
  /** A retry that would wait longer than this is not made: the error is thrown at once. */
  maxWaitMs?: number;
}

/**
 * Calls `call`, trying again on retryable errors (what the provider marks retryable: 429, 5xx,
 * connection failures) when the wait is short; throws the last error.
 */
export async function withRetries<T>(
  call: () => PromiseLike<T>,
  { maxRetries, signal, initialDelayMs = 2000, maxWaitMs = MAX_SILENT_WAIT_MS }: RetryOptions,
): Promise<T> {
  for (let attempt = 0, backoffMs = initialDelayMs; ; attempt++, backoffMs *= 2) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxRetries || !isRetryable(error) || signal?.aborted) throw error;
      const delayMs = retryDelayMs(error, backoffMs, Date.now(), maxWaitMs);
      if (delayMs === undefined) throw error;
      await sleep(delayMs, undefined, { signal });
    }
  }
}
