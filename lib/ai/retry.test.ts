import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, withRetries } from './retry';

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'http://upstream/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    isRetryable: statusCode === 429 || statusCode >= 500,
  });

describe('retryDelayMs (the AI SDK rule)', () => {
  it('honours retry-after-ms, then retry-after in seconds or as a date, under a minute', () => {
    const now = Date.parse('2026-11-27T00:00:00Z');
    expect(retryDelayMs(apiError(429, { 'retry-after-ms': '1500', 'retry-after': '9' }), 2000, now)).toBe(1500);
    expect(retryDelayMs(apiError(429, { 'retry-after': '7' }), 2000, now)).toBe(7000);
    expect(retryDelayMs(apiError(503, { 'retry-after': 'Fri, 27 Nov 2026 00:00:30 GMT' }), 2000, now)).toBe(30_000);
  });

  it('falls back to the backoff for a minute or more, nonsense, a date past, or no headers', () => {
    expect(retryDelayMs(apiError(429, { 'retry-after': '120' }), 2000)).toBe(2000);
    expect(retryDelayMs(apiError(429, { 'retry-after': 'soon' }), 2000)).toBe(2000);
    expect(
      retryDelayMs(
        apiError(429, { 'retry-after': 'Thu, 26 Nov 2026 23:59:00 GMT' }),
        2000,
        Date.parse('2026-11-27T00:00:00Z'),
      ),
    ).toBe(2000);
    expect(retryDelayMs(apiError(500), 4000)).toBe(4000);
    expect(retryDelayMs(new Error('x'), 2000)).toBe(2000);
  });
});

describe('withRetries', () => {
  const failingThen = (errors: unknown[], value = 'ok') => {
    let calls = 0;
    const call = async () => {
      calls++;
      if (errors.length) throw errors.shift();
      return value;
    };
    return { call, calls: () => calls };
  };

  it('tries a retryable failure once more, and succeeds', async () => {
    const f = failingThen([apiError(500)]);
    await expect(withRetries(f.call, { maxRetries: 1, initialDelayMs: 1 })).resolves.toBe('ok');
    expect(f.calls()).toBe(2);
  });

  it('gives up after maxRetries with the last error', async () => {
    const last = apiError(503);
    const f = failingThen([apiError(500), last]);
    await expect(withRetries(f.call, { maxRetries: 1, initialDelayMs: 1 })).rejects.toBe(last);
    expect(f.calls()).toBe(2);
  });

  it('does not retry what the provider marks not retryable (401), or anything after an abort', async () => {
    const unauthorised = failingThen([apiError(401)]);
    await expect(withRetries(unauthorised.call, { maxRetries: 1, initialDelayMs: 1 })).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(unauthorised.calls()).toBe(1);

    const controller = new AbortController();
    const aborted = failingThen([apiError(500)]);
    const run = withRetries(aborted.call, { maxRetries: 1, initialDelayMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(aborted.calls()).toBe(1);
  });
});
