import { expect, test } from '@playwright/test';
import { UPSTREAM, uniqueTag } from '../support';
import { openReply, startApp, stopApp, type AppProcess } from './app-process';
import { defaultConf, deployConf, startNginx, type Nginx } from './nginx';

/**
 * deploy/nginx.conf in front of the production server, with a real nginx: replies stream
 * through it token by token. The `paced` scenario sends its first token after 50 ms and the
 * last after ~2 s: a proxy that buffered the reply would hand over the first token at the end.
 */
let app: AppProcess | undefined;
const proxies: Nginx[] = [];
test.beforeAll(async () => {
  app = await startApp({ SWALLOW_BASE_URL: `${UPSTREAM}/v1`, TRUST_PROXY: '1' });
});
test.afterAll(() => stopApp(app));
test.afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});

const appPort = () => Number(new URL(app!.url).port);
async function proxy(conf: (appPort: number, port: number) => string) {
  const started = await startNginx((port) => conf(appPort(), port));
  proxies.push(started);
  return started;
}

/** Time to first token and to the end of a paced reply from `baseUrl`. */
async function paced(baseUrl: string) {
  const reply = await openReply(baseUrl, `[[scenario:paced]] ${uniqueTag()}`);
  const started = performance.now();
  const firstToken = await reply.firstToken();
  const parts = await reply.done;
  return { firstToken, total: performance.now() - started + firstToken, parts, response: reply.response };
}

test.describe.configure({ mode: 'serial' });

test('the first token arrives through deploy/nginx.conf as soon as without it', async () => {
  test.setTimeout(60_000);
  const nginx = await proxy(deployConf);
  await paced(nginx.url); // warm-up
  // Alternating rounds, the fastest of each: this machine's load varies from one reply to the next.
  const direct: number[] = [];
  const via: number[] = [];
  let through: Awaited<ReturnType<typeof paced>> | undefined;
  for (let round = 0; round < 3; round++) {
    direct.push((await paced(app!.url)).firstToken);
    through = await paced(nginx.url);
    via.push(through.firstToken);
  }
  const fastest = (values: number[]) => Math.min(...values);
  const ms = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  console.log(`paced reply, first token: direct ${ms(direct)} ms, via nginx ${ms(via)} ms`);
  expect(through!.parts.at(-1)?.type).toBe('finish');
  expect(through!.response.headers.get('content-type')).toBe('text/event-stream');
  expect(fastest(via)).toBeLessThan(fastest(direct) + 100);
  expect(through!.firstToken).toBeLessThan(through!.total / 2);
});

test('a default nginx (buffering on) streams too, because the app sends X-Accel-Buffering: no', async () => {
  test.setTimeout(60_000);
  const buffering = await proxy((appPort, port) => defaultConf(appPort, port));
  await paced(buffering.url); // warm-up
  const reply = await paced(buffering.url);
  expect(reply.parts.at(-1)?.type).toBe('finish');
  expect(reply.firstToken).toBeLessThan(reply.total / 2);

  // The measurement can tell: the same nginx told to ignore that header holds the first token
  // until its first buffer (4 KB, ~50 tokens of this reply, ~0.5 s) is full.
  const ignoring = await proxy((appPort, port) =>
    defaultConf(appPort, port, 'proxy_ignore_headers X-Accel-Buffering;'),
  );
  const held = await paced(ignoring.url);
  console.log(
    `first token: default nginx ${reply.firstToken.toFixed(0)} ms, ignoring the header ${held.firstToken.toFixed(0)} ms`,
  );
  expect(held.firstToken).toBeGreaterThan(reply.firstToken + 300);
});

test('the app sees the client, host and scheme nginx forwards (TRUST_PROXY=1)', async () => {
  const nginx = await proxy(deployConf);
  // The share card's URL is built from the forwarded host and scheme.
  const page = await fetch(`${nginx.url}/en`, { headers: { 'x-forwarded-host': 'evil.example' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  const port = new URL(nginx.url).port;
  expect(html).toContain(`http://127.0.0.1:${port}/og.png`);
  expect(html).not.toContain('evil.example');
});

test('nginx accepts a body as large as the app does: the app, not nginx, answers past 1 MiB', async () => {
  const nginx = await proxy(deployConf);
  const response = await fetch(`${nginx.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(1024 * 1024 + 10),
  });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
});
