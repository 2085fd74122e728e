import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthResponse, type Readiness } from './health';

const checks = (overrides: Partial<Readiness> = {}): Readiness => ({
  endpointConfigured: () => true,
  redisReachable: () => Promise.resolve(true),
  shuttingDown: () => false,
  accessMisconfigured: () => undefined,
  ...overrides,
});

const answer = async (ready: boolean, c: Readiness) => {
  const response = await healthResponse(ready, c);
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    cache: response.headers.get('cache-control'),
  };
};

describe('healthResponse', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is alive whatever the configuration, and looks at nothing for liveness', async () => {
    const redis = vi.fn(() => Promise.resolve(false));
    const down = checks({
      endpointConfigured: () => false,
      redisReachable: redis,
      shuttingDown: () => true,
      accessMisconfigured: () => 'broken',
    });
    expect(await answer(false, down)).toEqual({ status: 200, body: { status: 'ok' }, cache: 'no-store' });
    expect(redis).not.toHaveBeenCalled();
  });

  it('is ready when an endpoint is configured and Redis (if any) answers', async () => {
    expect(await answer(true, checks())).toEqual({ status: 200, body: { status: 'ok' }, cache: 'no-store' });
  });

  it.each([
    ['no endpoint is configured', { endpointConfigured: () => false }],
    ['Redis does not answer', { redisReachable: () => Promise.resolve(false) }],
    ['the server is shutting down', { shuttingDown: () => true }],
    [
      'the access settings are broken (every request would get 503)',
      { accessMisconfigured: () => 'ACCESS_COOKIE_SECRET' },
    ],
  ])('is not ready when %s, and the body does not say why (the log does)', async (_, overrides) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await answer(true, checks(overrides))).toEqual({
      status: 503,
      body: { status: 'unavailable' },
      cache: 'no-store',
    });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[health\] not ready: /));
  });
});
