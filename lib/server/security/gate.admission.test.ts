import { afterEach, describe, expect, it, vi } from 'vitest';
import { admitChatRequest } from './gate';

describe('admitChatRequest', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a client over its limit with 429, Retry-After, and a connection that is not kept alive', async () => {
    vi.stubEnv('RATE_LIMIT_PER_MINUTE', '1');
    vi.stubEnv('RATE_LIMIT_CONCURRENT', '0');
    const request = () =>
      new Request('http://app.test/api/chat', { method: 'POST', headers: { 'x-forwarded-for': '192.0.2.77' } });
    const first = await admitChatRequest(request());
    expect(first.ok).toBe(true);
    if (first.ok) first.release();
    const refused = await admitChatRequest(request());
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Kept alive, Node would first read and discard the rest of a body nobody needs.
    expect(refused.response.headers.get('connection')).toBe('close');
    expect(await refused.response.json()).toMatchObject({ error: { code: 'too_many_requests' } });
  });
});
