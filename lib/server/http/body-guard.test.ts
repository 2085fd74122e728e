import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyLimit,
  MAX_AUDIO_BODY_BYTES,
  MAX_BODY_BYTES,
  MAX_FORM_BYTES,
  MAX_OTHER_BODY_BYTES,
  refuseBody,
  refusalResponse,
  sendRefusal,
  StalledBodies,
} from './body-guard';

describe('bodyLimit', () => {
  it.each([
    ['/api/chat', MAX_BODY_BYTES, true],
    ['/api/chat?x=1', MAX_BODY_BYTES, true],
    ['/api/code-target', MAX_OTHER_BODY_BYTES, false],
    ['/api/unlock', MAX_FORM_BYTES, false],
    ['/api/transcribe', MAX_AUDIO_BODY_BYTES, true],
    ['/ja', MAX_OTHER_BODY_BYTES, false],
    ['/ja/c/abc', MAX_OTHER_BODY_BYTES, false],
    ['/api/health', MAX_OTHER_BODY_BYTES, false],
    ['/api/chatx', MAX_OTHER_BODY_BYTES, false],
    ['/api/chat/', MAX_OTHER_BODY_BYTES, false],
    ['/_next/image?url=/og.png', MAX_OTHER_BODY_BYTES, false],
    ['/toString', MAX_OTHER_BODY_BYTES, false],
    ['http://[bad', MAX_OTHER_BODY_BYTES, false],
  ])('%s: %d bytes, counted by its route: %s', (target, maxBytes, countedByRoute) => {
    expect(bodyLimit(target)).toEqual({ maxBytes, countedByRoute });
  });
});

describe('refuseBody', () => {
  it('refuses a declared length over the path limit (413), not one at it', () => {
    expect(refuseBody('/api/unlock', { 'content-length': String(MAX_FORM_BYTES + 1) })).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      maxBytes: MAX_FORM_BYTES,
    });
    expect(refuseBody('/api/unlock', { 'content-length': String(MAX_FORM_BYTES) })).toBeNull();
    expect(refuseBody('/api/chat', { 'content-length': String(MAX_BODY_BYTES + 1) })?.status).toBe(413);
    expect(refuseBody('/ja', { 'content-length': '5000' })?.status).toBe(413);
  });

  it('refuses a body without a length (411) except where the route counts it', () => {
    const chunked = { 'transfer-encoding': 'chunked' };
    expect(refuseBody('/api/unlock', chunked)).toMatchObject({ status: 411, code: 'length_required' });
    expect(refuseBody('/en', chunked)?.status).toBe(411);
    expect(refuseBody('/api/chat', chunked)).toBeNull();
  });

  it('lets requests without a body through', () => {
    expect(refuseBody('/ja', {})).toBeNull();
    expect(refuseBody('/api/health', { 'content-length': '0' })).toBeNull();
  });
});

describe('refusalResponse', () => {
  it('is the app JSON error, closing the connection', () => {
    const response = refusalResponse({ status: 413, code: 'payload_too_large', message: 'too big', maxBytes: 4096 });
    expect(response.status).toBe(413);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', connection: 'close' });
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'payload_too_large', message: 'too big', field: 'body', maxBytes: 4096 },
    });
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  });
});

describe('StalledBodies against a real server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server that guards as server.ts does, reads bodies to the end and echoes their length. */
  async function start(idleMs: number) {
    const stalled = new StalledBodies(idleMs, 50);
    server = createServer((req, res) => {
      const refusal = refuseBody(req.url ?? '/', req.headers);
      if (refusal) return sendRefusal(req, refusal);
      stalled.watch(req, res);
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => res.end(`read ${bytes}`));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { stalled, port: (server.address() as { port: number }).port };
  }

  /** Sends `head` + `parts` (one every `gapMs`), resolves with all the server answered and when the socket closed. */
  function exchange(port: number, head: string, parts: string[] = [], gapMs = 0) {
    return new Promise<{ answer: string; ms: number }>((resolve) => {
      const started = performance.now();
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(head);
        parts.forEach((part, i) => setTimeout(() => !socket.destroyed && socket.write(part), gapMs * (i + 1)));
      });
      socket.on('data', (data) => (answer += data.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
      setTimeout(() => socket.end(), 3_000);
    });
  }

  it('ends a body that stops arriving with 408 after the idle time, and forgets it', async () => {
    const { stalled, port } = await start(300);
    const { answer, ms } = await exchange(
      port,
      'POST /api/unlock HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('"code":"request_timeout"');
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(1_500);
    expect(stalled.size).toBe(0);
  });

  it('lets a slow body through while bytes keep coming', async () => {
    const { port } = await start(300);
    const parts = Array.from({ length: 6 }, () => 'x'.repeat(10));
    const { answer } = await exchange(
      port,
      'POST /api/unlock HTTP/1.1\r\nHost: a\r\nContent-Length: 60\r\nConnection: close\r\n\r\n',
      parts,
      150,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('read 60');
  });

  it('answers 413 for a declared length over the limit without waiting for the body', async () => {
    const { port } = await start(300);
    const { answer, ms } = await exchange(
      port,
      `POST /api/unlock HTTP/1.1\r\nHost: a\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"payload_too_large"');
    expect(ms).toBeLessThan(1_000);
  });
});
