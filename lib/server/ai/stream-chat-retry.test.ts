import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { scenarioReply } from '../../../e2e/support/scenario-reply';

/** streamChat's one retry against the fake upstream: sat out when short, else the error at once. */
describe('streamChat retries an upstream 429 only when the wait is short', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
  });
  afterAll(() => upstream.close());

  const requestsFor = async (scenario: string) =>
    ((await (await fetch(`${upstream.url}/__requests?contains=scenario:${scenario}]`)).json()) as unknown[]).length;

  it('Retry-After: 17 fails at once, with no retry, and the error carries the 17 s', async () => {
    const { parts, elapsed } = await scenarioReply(upstream.url, 'nvidia-429-17');
    const error = JSON.parse(parts.find((p) => p.type === 'error')!.errorText!) as Record<string, unknown>;
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 17 });
    expect(elapsed).toBeLessThan(1000);
    expect(await requestsFor('nvidia-429-17')).toBe(1);
  });

  it('Retry-After: 1 is sat out silently, and the reply arrives', async () => {
    const { parts, text, elapsed } = await scenarioReply(upstream.url, 'nvidia-429-once');
    expect(parts.some((p) => p.type === 'error')).toBe(false);
    expect(text).toContain('了解しました。');
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(await requestsFor('nvidia-429-once')).toBe(2);
  });
});
