import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  BODY_IDLE_TIMEOUT_MS,
  HEADERS_TIMEOUT_MS,
  MAX_BODY_BYTES,
  MAX_FORM_BYTES,
  MAX_OTHER_BODY_BYTES,
} from '../../lib/server/http/body-guard';
import { UPSTREAM, uniqueTag } from '../support';
import { chatBody, openReply, startApp, stopApp, type AppProcess } from './app-process';

/**
 * Request bodies against `node server.ts` with nothing in front (issue #32 item 4): what the
 * server answers, and how soon, for a body over a path's limit, one without a length, one that
 * stops arriving; what memory twenty large bodies cost; and the image optimiser (item 6).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
let app: AppProcess;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  app = await startApp({ SWALLOW_BASE_URL: `${UPSTREAM}/v1` });
});
test.afterAll(() => stopApp(app));

interface Exchange {
  /** The status line's code, 0 if none came. */
  status: number;
  answer: string;
  /** ms from the first byte sent to the status line (or to the close, if none). */
  ms: number;
  /** Body bytes the client managed to write before the answer came. */
  sent: number;
}

/**
 * One request on a raw connection: `head` (request line and headers), then `body` in pieces of
 * `piece` bytes every `gapMs` until it is all sent, an answer arrives or the connection closes;
 * `stallAfter` bytes, then nothing more.
 */
function exchange(
  head: string,
  { body = 0, piece = 64 * 1024, gapMs = 5, stallAfter = Infinity, chunked = false, waitMs = 30_000 } = {},
): Promise<Exchange> {
  const { port } = new URL(app.url);
  return new Promise((resolve) => {
    let answer = '';
    let sent = 0;
    let started = 0;
    let answeredAt = 0;
    const socket = connect(Number(port), '127.0.0.1');
    const finish = () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
        answer,
        ms: (answeredAt || performance.now()) - started,
        sent,
      });
    const giveUp = setTimeout(() => socket.destroy(), waitMs);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(head);
      const sendNext = () => {
        if (answer || socket.destroyed || sent >= Math.min(body, stallAfter)) {
          if (!answer && !socket.destroyed && chunked && sent >= body) socket.write('0\r\n\r\n');
          return;
        }
        const size = Math.min(piece, body - sent, stallAfter - sent);
        const data = Buffer.alloc(size, 0x61);
        socket.write(
          chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data,
        );
        sent += size;
        setTimeout(sendNext, gapMs);
      };
      sendNext();
    });
    socket.on('data', (data) => {
      if (!answer) answeredAt = performance.now();
      answer += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      finish();
    });
  });
}

const post = (target: string, headers: Record<string, string | number>) =>
  `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

const errorOf = (answer: string) =>
  (JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; maxBytes?: number } }).error;

const NINE_AND_A_HALF_MIB = 9.5 * 1024 * 1024;

test('a body over the path limit is refused (413) before it is read, on every route and page', async () => {
  const targets: [string, string, number][] = [
    ['/api/unlock', 'application/x-www-form-urlencoded', MAX_FORM_BYTES],
    ['/api/chat', 'application/json', MAX_BODY_BYTES],
    ['/ja', 'application/x-www-form-urlencoded', MAX_OTHER_BODY_BYTES],
    ['/en/model', 'text/plain', MAX_OTHER_BODY_BYTES],
  ];
  for (const [target, type, limit] of targets) {
    const result = await exchange(post(target, { 'content-type': type, 'content-length': NINE_AND_A_HALF_MIB }), {
      body: NINE_AND_A_HALF_MIB,
      gapMs: 20,
    });
    expect(result.status, target).toBe(413);
    expect(errorOf(result.answer), target).toMatchObject({ code: 'payload_too_large', maxBytes: limit });
    // Answered from the headers: at most the first pieces were on their way.
    expect(result.ms, target).toBeLessThan(1_000);
    expect(result.sent, target).toBeLessThan(MAX_BODY_BYTES);
  }
  // A client that asks first (curl does past 1 MiB) is not invited to send the body.
  const asked = await exchange(
    post('/api/chat', {
      'content-type': 'application/json',
      'content-length': NINE_AND_A_HALF_MIB,
      expect: '100-continue',
    }),
  );
  expect(asked.answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(asked.answer).not.toContain('100 Continue');
  // One within the limit is invited, and answered by its route.
  const small = JSON.stringify(chatBody('hello'));
  const invited = await exchange(
    `${post('/api/chat', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(small), expect: '100-continue' })}${small}`,
  );
  expect(invited.answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  // At the limit, the route reads it (and says what it thinks of it).
  const form = `code=${'x'.repeat(MAX_FORM_BYTES - 5)}`;
  const atLimit = await exchange(
    `${post('/api/unlock', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': form.length, origin: app.url })}${form}`,
  );
  expect(atLimit.status).not.toBe(413);
});

test('a body without a length is refused (411) where Next.js would buffer it; /api/chat counts it and refuses past 1 MiB', async () => {
  for (const target of ['/api/unlock', '/ja']) {
    const result = await exchange(
      post(target, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      {
        body: NINE_AND_A_HALF_MIB,
        chunked: true,
        gapMs: 20,
      },
    );
    expect(result.status, target).toBe(411);
    expect(errorOf(result.answer).code, target).toBe('length_required');
    expect(result.ms, target).toBeLessThan(1_000);
  }
  const chat = await exchange(
    post('/api/chat', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
    {
      body: NINE_AND_A_HALF_MIB,
      chunked: true,
      gapMs: 5,
    },
  );
  expect(chat.status).toBe(413);
  // Refused while reading: soon after the first MiB, long before the 9.5 MiB were sent.
  expect(chat.sent).toBeLessThan(3 * MAX_BODY_BYTES);
});

test('twenty 9.5 MiB bodies at once cost the server no memory to speak of', async () => {
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.child.pid}/status`, 'utf8'))![1]) / 1024;
  const before = rss();
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      exchange(
        post(i % 2 ? '/api/chat' : '/api/unlock', {
          'content-type': 'application/json',
          'content-length': NINE_AND_A_HALF_MIB,
        }),
        { body: NINE_AND_A_HALF_MIB, gapMs: 1 },
      ),
    ),
  );
  const after = rss();
  expect(results.map((r) => r.status)).toEqual(Array(20).fill(413));
  test.info().annotations.push({ type: 'rss', description: `${before.toFixed(0)} → ${after.toFixed(0)} MB` });
  console.log(`twenty 9.5 MiB bodies: RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`);
  // Before the fix these 20 took it from 173 to 326 MB (issue #32).
  expect(after - before).toBeLessThan(40);
});

test('a body that stops arriving ends with 408 within seconds, headers too; a reply that streams longer is not cut', async () => {
  test.setTimeout(60_000);
  const tag = uniqueTag();
  const reply = await openReply(app.url, `[[scenario:slow]] ${tag}`);
  reply.done.catch(() => undefined);
  const json = { 'content-type': 'application/json' };
  const [unlock, chat, chatChunked, page, headers] = await Promise.all([
    exchange(post('/api/unlock', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 100 }), {
      body: 100,
      stallAfter: 10,
    }),
    exchange(post('/api/chat', { ...json, 'content-length': 5000 }), { body: 5000, stallAfter: 100 }),
    exchange(post('/api/chat', { ...json, 'transfer-encoding': 'chunked' }), {
      body: 5000,
      stallAfter: 100,
      chunked: true,
    }),
    exchange(post('/ja', { 'content-type': 'text/plain', 'content-length': 1000 }), { body: 1000, stallAfter: 10 }),
    exchange('POST /api/unlock HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/pl'),
  ]);
  for (const [name, result] of Object.entries({ unlock, chat, chatChunked, page })) {
    expect(result.status, name).toBe(408);
    expect(errorOf(result.answer).code, name).toBe('request_timeout');
    expect(result.ms, name).toBeGreaterThanOrEqual(BODY_IDLE_TIMEOUT_MS - 100);
    expect(result.ms, name).toBeLessThan(BODY_IDLE_TIMEOUT_MS + 2_500);
  }
  expect(headers.status).toBe(408);
  expect(headers.ms).toBeLessThan(HEADERS_TIMEOUT_MS + 2_500);
  const timings = `408 after ${[unlock, chat, chatChunked, page].map((r) => r.ms.toFixed(0)).join(', ')} ms; headers ${headers.ms.toFixed(0)} ms`;
  test.info().annotations.push({ type: 'timings', description: timings });
  console.log(timings);

  // The slow reply (a piece every 200 ms for a minute) has been streaming all along: still open.
  const before = reply.text().length;
  await expect.poll(() => reply.text().length, { timeout: 2_000 }).toBeGreaterThan(before);
  // (It ends when the server stops after these tests.)
});

test('the image optimiser is off: /_next/image answers no image and writes nothing', async () => {
  const cache = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'cache', 'images');
  const files = () => {
    try {
      return readdirSync(cache, { recursive: true }).length;
    } catch {
      return 0;
    }
  };
  const before = files();
  for (const url of ['/og.png', '/d1/../og.png', '/d2/../og.png', '/icon-192.png']) {
    const response = await fetch(`${app.url}/_next/image?url=${encodeURIComponent(url)}&w=64&q=75`, {
      headers: { accept: 'image/webp,image/*' },
    });
    expect(response.status, url).not.toBe(200);
    expect(response.headers.get('content-type') ?? '', url).not.toMatch(/^image\//);
  }
  expect(files()).toBe(before);
  // The share card itself is still served, as a file.
  const card = await fetch(`${app.url}/og.png`);
  expect(card.status).toBe(200);
  expect(card.headers.get('content-type')).toBe('image/png');
});

test('a normal chat still works through the guard', async () => {
  const response = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(`hello ${uniqueTag()}`)),
  });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('"type":"finish"');
});
