import { expect, test } from '@playwright/test';
import { UPSTREAM, uniqueTag } from '../support';
import { startApp, stopApp, type AppProcess } from './app-process';
import { postChat, send, unlock, type Client, type Reply } from './client';
import { deployConf, startNginx, type Nginx } from './nginx';
import { startRedis, type RedisProcess } from './redis';

/**
 * Two instances of the production server behind deploy/nginx.conf (a real nginx) with one real
 * Redis, as compose.yaml runs them: the per-client limits hold across both, an unlock cookie
 * from one opens the other, and when one stops or dies new chats are served by the other.
 * Each part is its own client (its own loopback address, see client.ts).
 */
const PER_MINUTE = 20;
const CONCURRENT = 2;
const CODE = 'many-instances-code';

let redis: RedisProcess | undefined;
let apps: AppProcess[] = [];
const proxies: Nginx[] = [];
let env: Record<string, string>;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  redis = await startRedis();
  env = {
    SWALLOW_BASE_URL: `${UPSTREAM}/v1`,
    TRUST_PROXY: '1',
    REDIS_URL: redis.url,
    ACCESS_CODE: CODE,
    ACCESS_COOKIE_SECRET: 'many-instances-secret-4Jq8Zr2Vw6Ty1Lm9Px3K',
    RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
    RATE_LIMIT_CONCURRENT: String(CONCURRENT),
    // Replies still streaming 1.5 s after SIGTERM end with server_restarting.
    SHUTDOWN_GRACE_MS: '1500',
  };
  apps = await Promise.all([startApp(env), startApp(env)]);
});
test.afterAll(async () => {
  apps.forEach(stopApp);
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await redis?.stop();
});

const portOf = (app: AppProcess) => Number(new URL(app.url).port);
async function proxy(): Promise<Nginx> {
  const started = await startNginx((port) => deployConf(apps.map(portOf), port));
  proxies.push(started);
  return started;
}
/** Which instance served a chat: the one that logged its request id. */
const servedBy = (reply: Reply) => apps.findIndex((app) => reply.requestId && app.output().includes(reply.requestId));
const errorCode = async (reply: Reply) => ((await reply.done)[0] as { error?: { code: string } }).error?.code;

let nginx: Nginx;
const unlocked = async (address: string): Promise<Client> => {
  const client: Client = { address };
  expect((await unlock(client, nginx.url, CODE)).status).toBe(303);
  return client;
};

test('per-client limits hold across both instances (one Redis)', async () => {
  test.setTimeout(60_000);
  nginx = await proxy();
  const client = await unlocked('127.0.0.2');
  const tag = uniqueTag();
  const accepted: Reply[] = [];
  // Two at a time (the concurrency cap), PER_MINUTE in all.
  for (let i = 0; i < PER_MINUTE; i += CONCURRENT) {
    const pair = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, j) => postChat(client, nginx.url, `${tag} ${i + j}`)),
    );
    for (const reply of pair) {
      expect(reply.status).toBe(200);
      expect((await reply.done).at(-1)?.type).toBe('finish');
    }
    accepted.push(...pair);
  }
  const served = accepted.map(servedBy);
  expect(served.filter((app) => app === 0).length).toBeGreaterThan(0);
  expect(served.filter((app) => app === 1).length).toBeGreaterThan(0);

  // The 21st and later: refused by whichever instance takes them.
  const refusedBy = new Set<number>();
  for (let i = 0; i < 6 && refusedBy.size < 2; i++) {
    const refused = await postChat(client, nginx.url, `${tag} over ${i}`);
    expect(refused.status).toBe(429);
    expect(await errorCode(refused)).toBe('too_many_requests');
    refusedBy.add(servedBy(refused));
  }
  expect([...refusedBy].sort()).toEqual([0, 1]);
  // Another client is not affected.
  expect((await postChat(await unlocked('127.0.0.3'), nginx.url, `${tag} other`)).status).toBe(200);

  // Replies streaming at once: two ("slow": a piece every 200 ms), on two instances; a third is
  // refused wherever it lands.
  const streamer = await unlocked('127.0.0.4');
  const streaming = [
    await postChat(streamer, nginx.url, `[[scenario:slow]] ${tag} a`),
    await postChat(streamer, nginx.url, `[[scenario:slow]] ${tag} b`),
  ];
  await Promise.all(streaming.map((reply) => reply.firstToken));
  for (let i = 0; i < 2; i++) {
    const third = await postChat(streamer, nginx.url, `${tag} third ${i}`);
    expect(third.status).toBe(429);
    expect(await errorCode(third)).toBe('too_many_streams');
  }
  // Closed by the browser: each instance logs its own (cancelled), and gives the slot back.
  streaming.forEach((reply) => reply.abort());
  await expect.poll(() => streaming.map(servedBy).sort()).toEqual([0, 1]);
  await expect.poll(async () => (await postChat(streamer, nginx.url, `${tag} after`)).status).toBe(200);
});

test('an unlock cookie issued by one instance opens the other', async () => {
  const [first, second] = apps as [AppProcess, AppProcess];
  // Straight to each instance, with the X-Forwarded-For nginx would add.
  const client: Client = { address: '127.0.0.5', headers: { 'x-forwarded-for': '10.21.3.5' } };
  expect((await postChat(client, second.url, 'no cookie yet')).status).toBe(401);
  expect((await unlock(client, first.url, CODE)).status).toBe(303);

  const page = await send(client, `${second.url}/ja`);
  expect(page.status).toBe(200);
  expect(await page.text).toContain('data-testid="composer"');
  const chat = await postChat(client, second.url, `cookie ${uniqueTag()}`);
  expect(chat.status).toBe(200);
  expect((await chat.done).at(-1)?.type).toBe('finish');

  // The control: the cookie with its signature changed is refused there.
  const forged = client.cookie!.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
  const refused = await postChat({ ...client, cookie: forged }, second.url, 'forged');
  expect(refused.status).toBe(401);
  expect(await errorCode(refused)).toBe('access_required');
});

test('an instance shutting down or dying: new chats are served by the other', async () => {
  test.setTimeout(90_000);
  // One client starts new chats; others keep replies streaming ("slow": a piece every 200 ms).
  const [client, streamer, streamer2] = await Promise.all(
    ['127.0.0.6', '127.0.0.7', '127.0.0.8'].map((address) => unlocked(address)),
  );
  const tag = uniqueTag();
  const chatsServed = async (count: number) => {
    const replies: Reply[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await postChat(client, nginx.url, `${tag} ${i}`);
      expect(reply.status).toBe(200);
      expect((await reply.done).at(-1)?.type).toBe('finish');
      replies.push(reply);
    }
    return replies.map(servedBy);
  };
  /** A reply on each instance (round robin), both streaming. */
  const streamOnBoth = async (who: Client) => {
    const replies = [
      await postChat(who, nginx.url, `[[scenario:slow]] ${tag}`),
      await postChat(who, nginx.url, `[[scenario:slow]] ${tag}`),
    ];
    await Promise.all(replies.map((reply) => reply.firstToken));
    return replies;
  };
  /** The reply that is not `ended` keeps streaming; then it is closed. */
  const goesOn = async (reply: Reply) => {
    const now = reply.received();
    await expect.poll(() => reply.received()).toBeGreaterThan(now);
    reply.abort();
  };

  // A restart (SIGTERM): the instance refuses new chats with 503 server_restarting, which nginx
  // sends on to the other instance instead of to the browser; its reply still streaming ends
  // with server_restarting after the grace period; it exits 0.
  const [first] = apps as [AppProcess, AppProcess];
  const draining = await streamOnBoth(streamer);
  first.child.kill('SIGTERM');
  await first.printed(/SIGTERM: finishing 1 streaming replies/);
  expect(await chatsServed(2)).toEqual([1, 1]);
  expect(first.output()).toMatch(/"outcome":"server_restarting","status":503/);
  const ended = await Promise.race(draining.map((reply, i) => reply.done.then((parts) => ({ i, parts }))));
  expect(ended.parts.at(-1)?.errorText).toContain('server_restarting');
  expect(await first.exited).toBe(0);
  await goesOn(draining[1 - ended.i]!);

  // Back on its port; then the other one dies (SIGKILL) in the middle of a reply.
  apps[0] = await startApp(env, { port: portOf(first) });
  nginx = await proxy(); // a fresh nginx: the stopped instance is not held as failed
  const [, second] = apps as [AppProcess, AppProcess];
  const streaming = await streamOnBoth(streamer2);
  second.child.kill('SIGKILL');
  // The reply on the dead instance is cut (the browser keeps its text); the other goes on.
  const cut = await Promise.race(
    streaming.map((reply, i) =>
      reply.done.then(
        () => -1,
        () => i,
      ),
    ),
  );
  expect(cut).toBeGreaterThanOrEqual(0);
  await goesOn(streaming[1 - cut]!);
  expect(await chatsServed(4)).toEqual([0, 0, 0, 0]);
  console.log(
    `nginx after the kill: ${nginx
      .errors()
      .match(/\([^)]*\) while [a-z ]+/g)
      ?.join('; ')}`,
  );
});
