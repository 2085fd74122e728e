import { setTimeout as sleep } from 'node:timers/promises';
import { APICallError } from 'ai';

/**
 * The AI SDK's retry rule for a failed model call (what `streamText` applies with `maxRetries`),
 * kept because we call the provider ourselves (stream-chat.ts): only an `APICallError` the
 * provider marks retryable (429, 5xx, connection failures) is tried again, after the server's
 * `retry-after-ms` / `retry-after` when that is under a minute, else after the backoff delay.
 */
export function retryDelayMs(error: unknown, backoffMs: number, now = Date.now()): number {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  if (!headers) return backoffMs;
  let ms: number | undefined;
  const retryAfterMs = parseFloat(headers['retry-after-ms'] ?? '');
  if (!Number.isNaN(retryAfterMs)) ms = retryAfterMs;
  const retryAfter = headers['retry-after'];
  if (retryAfter && ms === undefined) {
    const seconds = parseFloat(retryAfter);
    ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - now : seconds * 1000;
  }
  return ms !== undefined && !Number.isNaN(ms) && ms >= 0 && (ms < 60_000 || ms < backoffMs) ? ms : backoffMs;
}

export const isRetryable = (error: unknown): boolean => APICallError.isInstance(error) && error.isRetryable;

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** The first backoff delay; it doubles on each further retry (the SDK's defaults). */
  initialDelayMs?: number;
}

/** Calls `call`, trying again on retryable errors; throws the last error. */
export async function withRetries<T>(call: () => PromiseLike<T>, { maxRetries, signal, initialDelayMs = 2000 }: RetryOptions): Promise<T> {
  for (let attempt = 0, backoffMs = initialDelayMs; ; attempt++, backoffMs *= 2) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxRetries || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(retryDelayMs(error, backoffMs), undefined, { signal });
    }
  }
}
