import { expect, test } from '@playwright/test';
import { parseChatError } from '../../lib/shared/ai/chat-error';
import { UPSTREAM, uniqueTag, upstreamRequests } from '../support';
import { chatBody, openReply, startApp, stopApp, type AppProcess } from './app-process';

const GRACE_MS = 6_000;
let app: AppProcess | undefined;
test.afterEach(() => stopApp(app));

test('SIGTERM: new chats get 503 + Retry-After, a short reply finishes, a long one ends with server_restarting, exit 0', async () => {
  test.setTimeout(90_000);
  app = await startApp({ SWALLOW_BASE_URL: `${UPSTREAM}/v1`, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
  const tag = uniqueTag();
  // paced: ~2 s in all; slow: a piece every 200 ms for a minute.
  const short = await openReply(app.url, `[[scenario:paced]] ${tag}`);
  const long = await openReply(app.url, `[[scenario:slow]] ${tag}`);
  await Promise.all([short.firstToken(), long.firstToken()]);

  const signalled = performance.now();
  app.child.kill('SIGTERM');
  await app.printed(/SIGTERM: finishing 2 streaming replies/);

  const refused = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(`refused ${tag}`)),
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('server_restarting');
  expect((await fetch(`${app.url}/api/health?ready=1`)).status).toBe(503);

  const shortParts = await short.done;
  expect(shortParts.at(-1)?.type).toBe('finish');
  expect(shortParts.some((part) => part.type === 'error')).toBe(false);

  const longParts = await long.done;
  const endedAfter = performance.now() - signalled;
  const last = longParts.at(-1)!;
  expect(last.type).toBe('error');
  expect(parseChatError(last.errorText)).toMatchObject({ code: 'server_restarting', retryAfterSeconds: 5 });
  expect(long.text()).toMatch(/^ゆっくり …1 …2/); // the partial reply came first and stays
  expect(endedAfter).toBeGreaterThanOrEqual(GRACE_MS - 100);

  expect(await app.exited).toBe(0);
  expect(app.output()).toMatch(/ended 1 replies still streaming/);
  // The long reply's upstream request was closed, not left streaming; the refused one never went.
  const upstream = await upstreamRequests(tag);
  expect(upstream).toHaveLength(2);
  expect(upstream.filter((request) => request.aborted)).toHaveLength(1);
});
