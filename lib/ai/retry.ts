import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { APICallError } from 'ai';
import { retryAfterMs } from './errors';

/**
 * The AI SDK's retry rule for a failed model call (what `streamText` applies with `maxRetries`),
 * kept because we call the provider ourselves (stream-chat.ts): only an `APICallError` the
 * provider marks retryable (429, 5xx, connection failures) is tried again, after the server's
 * `retry-after-ms` / `retry-after` when that is under a minute, else after the backoff delay.
 */
export function retryDelayMs(error: unknown, backoffMs: number, now = Date.now()): number {
  const ms = APICallError.isInstance(error) ? retryAfterMs(error.responseHeaders, now) : undefined;
  return ms !== undefined && ms >= 0 && (ms < 60_000 || ms < backoffMs) ? ms : backoffMs;
}

const isRetryable = (error: unknown): boolean => APICallError.isInstance(error) && error.isRetryable;

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** The first backoff delay; it doubles on each further retry (the SDK's defaults). */
  initialDelayMs?: number;
}

/** Calls `call`, trying again on retryable errors; throws the last error. */
export async function withRetries<T>(
  call: () => PromiseLike<T>,
  { maxRetries, signal, initialDelayMs = 2000 }: RetryOptions,
): Promise<T> {
  for (let attempt = 0, backoffMs = initialDelayMs; ; attempt++, backoffMs *= 2) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxRetries || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(retryDelayMs(error, backoffMs), undefined, { signal });
    }
  }
}
