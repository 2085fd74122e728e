import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET } from '../../../app/api/health/route';

/** The readiness route as deployed: what a load balancer gets for each access setting. */
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function probe(env: Record<string, string>) {
  vi.stubEnv('SWALLOW_BASE_URL', 'http://127.0.0.1:9/v1');
  vi.stubEnv('REDIS_URL', '');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const response = await GET(new NextRequest('http://app.test/api/health?ready=1'));
  return { status: response.status, body: (await response.json()) as unknown, logged: warn.mock.calls.flat() };
}

describe('GET /api/health?ready=1 and the access settings', () => {
  it('is ready with no access code, and with a code and a strong cookie secret', async () => {
    expect(await probe({ ACCESS_CODE: '' })).toMatchObject({ status: 200, body: { status: 'ok' } });
    const guarded = await probe({ ACCESS_CODE: 'team', ACCESS_COOKIE_SECRET: 'x'.repeat(32) });
    expect(guarded).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('is not ready when ACCESS_CODE is set without a strong ACCESS_COOKIE_SECRET (every request gets 503)', async () => {
    for (const secret of ['', 'too-short']) {
      const answer = await probe({ ACCESS_CODE: 'team', ACCESS_COOKIE_SECRET: secret });
      expect(answer).toMatchObject({ status: 503, body: { status: 'unavailable' } });
      expect(String(answer.logged[0])).toMatch(/not ready: the access settings are broken: .*ACCESS_COOKIE_SECRET/);
    }
  });
});
