import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { classifyUpstreamError, retryDelayMs, withRetries } from './errors';

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'http://upstream/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    isRetryable: statusCode === 429 || statusCode >= 500,
  });

describe('retryDelayMs', () => {
  const now = Date.parse('2026-11-27T00:00:00Z');

  it('waits what the server asks (retry-after-ms, then retry-after in seconds or as a date) when it is 2 s or less', () => {
    expect(retryDelayMs(apiError(429, { 'retry-after-ms': '1500', 'retry-after': '9' }), 2000, now)).toBe(1500);
    expect(retryDelayMs(apiError(429, { 'retry-after': '1' }), 2000, now)).toBe(1000);
    expect(retryDelayMs(apiError(429, { 'retry-after-ms': '2000' }), 2000, now)).toBe(2000);
    expect(retryDelayMs(apiError(503, { 'retry-after': 'Fri, 27 Nov 2026 00:00:02 GMT' }), 2000, now)).toBe(2000);
  });

  it('gives no delay (no silent retry) when the server asks for more than 2 s, however it says so', () => {
    expect(retryDelayMs(apiError(429, { 'retry-after-ms': '2001' }), 2000, now)).toBeUndefined();
    expect(retryDelayMs(apiError(429, { 'retry-after': '17' }), 2000, now)).toBeUndefined();
    expect(retryDelayMs(apiError(429, { 'retry-after': '120' }), 2000, now)).toBeUndefined();
    expect(retryDelayMs(apiError(503, { 'retry-after': 'Fri, 27 Nov 2026 00:00:30 GMT' }), 2000, now)).toBeUndefined();
  });

  it('falls back to the backoff for nonsense, a date past, or no headers; a longer backoff is no silent retry', () => {
    expect(retryDelayMs(apiError(429, { 'retry-after': 'soon' }), 2000, now)).toBe(2000);
    expect(retryDelayMs(apiError(429, { 'retry-after': 'Thu, 26 Nov 2026 23:59:00 GMT' }), 2000, now)).toBe(2000);
    expect(retryDelayMs(apiError(500), 2000)).toBe(2000);
    expect(retryDelayMs(new Error('x'), 2000)).toBe(2000);
    expect(retryDelayMs(apiError(500), 4000)).toBeUndefined();
    expect(retryDelayMs(apiError(500), 4000, now, 10_000)).toBe(4000);
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
    const run = withRetries(aborted.call, {
      maxRetries: 1,
      initialDelayMs: 10_000,
      maxWaitMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 5);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(aborted.calls()).toBe(1);
  });

  it('retries a 429 whose Retry-After is 1 s silently, and succeeds', async () => {
    const f = failingThen([apiError(429, { 'retry-after': '1' })]);
    const started = Date.now();
    await expect(withRetries(f.call, { maxRetries: 1 })).resolves.toBe('ok');
    expect(f.calls()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('fails a 429 whose Retry-After is 17 s at once, without a retry, and the error carries the 17 s', async () => {
    const f = failingThen([apiError(429, { 'retry-after': '17' })]);
    const started = Date.now();
    const error = await withRetries(f.call, { maxRetries: 1 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(500);
    expect(f.calls()).toBe(1);
    expect(classifyUpstreamError(error)).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 17 });
  });

  it('does not sit out a backoff longer than the bound either (30 ms, then 60 ms > 50)', async () => {
    const f = failingThen([apiError(500), apiError(502)]);
    await expect(withRetries(f.call, { maxRetries: 2, initialDelayMs: 30, maxWaitMs: 50 })).rejects.toMatchObject({
      statusCode: 502,
    });
    expect(f.calls()).toBe(2);
  });
});
