import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { classifyUpstreamError } from './errors';
import { resolveStallTimeouts, UpstreamTimeoutError, withStallTimeouts } from './upstream';
import { scenarioReply } from '../../../e2e/support/scenario-reply';

/** A server whose behaviour per path is scripted below. */
let server: http.Server;
let base = '';
const closed: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.on('close', () => closed.push(req.url ?? ''));
    if (req.url === '/no-headers') return; // never answers
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    if (req.url === '/headers-only') return;
    if (req.url === '/one-then-stall') return void res.write('data: 1\n\n');
    if (req.url === '/steady') {
      let n = 0;
      const tick = setInterval(() => {
        res.write(`data: ${n}\n\n`);
        if (++n === 5) {
          clearInterval(tick);
          res.end();
        }
      }, 40);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const fast = withStallTimeouts({ firstByteMs: 150, idleMs: 150 });

async function readAll(response: Response): Promise<string> {
  return await response.text();
}

describe('withStallTimeouts', () => {
  it('fails with a first-byte timeout when no headers arrive, and closes the connection', async () => {
    const error = await fast(`${base}/no-headers`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect((error as UpstreamTimeoutError).phase).toBe('first-byte');
    await expect.poll(() => closed.includes('/no-headers')).toBe(true);
  });

  it('counts headers without a body byte as no first byte', async () => {
    const response = await fast(`${base}/headers-only`);
    const error = await readAll(response).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UpstreamTimeoutError', phase: 'first-byte' });
  });

  it('fails with an idle timeout when the stream stops after a chunk', async () => {
    const response = await fast(`${base}/one-then-stall`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n');
    const error = await reader.read().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UpstreamTimeoutError', phase: 'idle', afterMs: 150 });
    await expect.poll(() => closed.includes('/one-then-stall')).toBe(true);
  });

  it('times an idle wait by the idle timeout even when the first-byte timeout is much longer', async () => {
    const started = Date.now();
    const response = await withStallTimeouts({ firstByteMs: 10_000, idleMs: 150 })(`${base}/one-then-stall`);
    const reader = response.body!.getReader();
    await reader.read();
    const error = await reader.read().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UpstreamTimeoutError', phase: 'idle', afterMs: 150 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it(
    'lets a steady stream through, even when the reader is slower than the idle timeout',
    { timeout: 15_000 },
    async () => {
      // Margins of 10× the upstream's 40 ms ticks: a busy machine can pause the event loop ~100 ms.
      const response = await withStallTimeouts({ firstByteMs: 600, idleMs: 400 })(`${base}/steady`);
      const reader = response.body!.getReader();
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // backpressure, not a stall
      }
      expect(text).toBe([0, 1, 2, 3, 4].map((n) => `data: ${n}\n\n`).join(''));
    },
  );

  it('passes the caller’s abort through as an abort, not a timeout', async () => {
    const controller = new AbortController();
    const pending = withStallTimeouts({ firstByteMs: 5_000, idleMs: 5_000 })(`${base}/no-headers`, {
      signal: controller.signal,
    });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('reads its settings from the environment', () => {
    expect(resolveStallTimeouts({})).toEqual({ firstByteMs: 30_000, idleMs: 30_000 });
    expect(resolveStallTimeouts({ SWALLOW_FIRST_BYTE_TIMEOUT_MS: '2500', SWALLOW_IDLE_TIMEOUT_MS: ' 800 ' })).toEqual({
      firstByteMs: 2500,
      idleMs: 800,
    });
    expect(resolveStallTimeouts({ SWALLOW_FIRST_BYTE_TIMEOUT_MS: '-1', SWALLOW_IDLE_TIMEOUT_MS: 'soon' })).toEqual({
      firstByteMs: 30_000,
      idleMs: 30_000,
    });
  });

  it('is classified as upstream_timeout', () => {
    expect(classifyUpstreamError(new UpstreamTimeoutError('idle', 1000)).code).toBe('upstream_timeout');
  });
});

describe('streamChat with a stalling upstream (fake upstream scenarios)', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
  });
  afterAll(() => upstream.close());

  async function run(scenario: string) {
    const { raw, elapsed } = await scenarioReply(upstream.url, scenario, {
      timeouts: { firstByteMs: 300, idleMs: 300 },
    });
    return { text: raw, elapsed };
  }

  const errorText = (sse: string) => {
    const line = sse.split('\n').find((l) => l.includes('"type":"error"'));
    return line ? JSON.parse(JSON.parse(line.slice('data: '.length)).errorText) : undefined;
  };

  it('stall (headers, then nothing): upstream_timeout after the first-byte timeout', async () => {
    const { text, elapsed } = await run('stall');
    expect(errorText(text)).toMatchObject({ code: 'upstream_timeout' });
    expect(elapsed).toBeLessThan(3_000);
  });

  it('stall-after-first: the partial text, then upstream_timeout', async () => {
    const { text } = await run('stall-after-first');
    expect(text).toContain('ここで止まります');
    expect(errorText(text)).toMatchObject({ code: 'upstream_timeout', detail: expect.stringContaining('0.3 s') });
  });

  it('plain: a normal reply is not affected', async () => {
    const { text } = await run('plain');
    expect(errorText(text)).toBeUndefined();
    expect(text).toContain('"type":"finish"');
  });
});
