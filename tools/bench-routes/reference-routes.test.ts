import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream } from '../../e2e/fake-upstream.mjs';
import { pipeRoute, streamTextRoute } from './reference-routes';

const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';

describe('bench reference routes', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 0 });
  });
  afterAll(() => upstream.close());
  afterEach(() => vi.unstubAllEnvs());

  const post = (path: string) =>
    new NextRequest(`http://app.test${path}`, {
      method: 'POST',
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'こんにちは' }], system: '' }),
    });

  it('answer 404 unless the server runs with SWALLOW_BENCH_ROUTES=1', async () => {
    vi.stubEnv('SWALLOW_BASE_URL', `${upstream.url}/v1`);
    vi.stubEnv('SWALLOW_BENCH_ROUTES', '');
    for (const route of [pipeRoute, streamTextRoute]) {
      const response = await route(post('/api/chat/bench-pipe'));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    }
  });

  it('pipe the upstream body as is, or stream UI message parts through streamText', async () => {
    vi.stubEnv('SWALLOW_BASE_URL', `${upstream.url}/v1`);
    vi.stubEnv('SWALLOW_BENCH_ROUTES', '1');
    const piped = await (await pipeRoute(post('/api/chat/bench-pipe'))).text();
    expect(piped).toContain('"object":"chat.completion.chunk"');
    expect(piped.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const ui = await (await streamTextRoute(post('/api/chat/bench-stream-text'))).text();
    expect(ui).toContain('"type":"text-delta"');
    expect(ui).toContain('"type":"finish"');
  });
});
