import { expect, test } from '@playwright/test';
import { UPSTREAM } from '../support';
import { startApp, stopApp, type AppProcess } from './app-process';
import { send, unlock, type Client } from './client';

/**
 * A private deployment in a process of this test's own, so that a guessing attack (which spends
 * the deployment-wide budget) and broken access settings touch no other test.
 */
const CODE = 'private-deployment-code';
const BUDGET = 20;
let app: AppProcess | undefined;
test.afterEach(() => stopApp(app));

/** A client at `ip` (as a trusted proxy would say), on loopback. */
const at = (ip: string): Client => ({ address: '127.0.0.1', headers: { 'x-forwarded-for': ip } });
const botIp = (i: number) => `10.77.${i >> 8}.${i & 255}`;

/** `count` tasks, `width` at a time. */
async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

test('a guessing attack from 1,000 addresses: each gets one guess an hour once the budget is spent, and a visitor with the right code gets in at once', async () => {
  test.setTimeout(180_000);
  app = await startApp({
    SWALLOW_BASE_URL: `${UPSTREAM}/v1`,
    ACCESS_CODE: CODE,
    ACCESS_COOKIE_SECRET: 'private-deployment-secret-0123456789abcdef',
    TRUST_PROXY: '1',
    ACCESS_MAX_ATTEMPTS: '5',
    ACCESS_MAX_ATTEMPTS_TOTAL: String(BUDGET),
  });
  const bots = 1000;
  // Round one: every address sends a wrong code (the budget of 20 goes at once).
  const first = await pool(bots, 16, async (i) => (await unlock(at(botIp(i)), app!.url, `guess-${i}`)).status);
  expect(first.every((status) => status === 303)).toBe(true);
  // Round two: every address sends the right code. Had its guess been looked at, it would be in:
  // only the few whose first guess fell inside the budget (not yet paced) may be.
  const cookies = await pool(bots, 16, async (i) => {
    const bot = at(botIp(i));
    await unlock(bot, app!.url, CODE);
    return bot.cookie !== undefined;
  });
  const lookedAt = cookies.filter(Boolean).length;
  expect(lookedAt).toBeLessThanOrEqual(BUDGET);
  // A paced address is told to wait about an hour.
  const paced = cookies.findIndex((inside) => !inside);
  const refused = await unlock(at(botIp(paced)), app.url, CODE);
  const location = new URL(String(refused.headers.location), app.url);
  expect(location.searchParams.get('error')).toBe('too_many');
  expect(Number(location.searchParams.get('wait'))).toBeGreaterThan(55 * 60);

  // The visitor: a new address, the right code, during the attack.
  const started = performance.now();
  const visitor = at('192.0.2.10');
  const welcome = await unlock(visitor, app.url, CODE);
  expect(welcome.status).toBe(303);
  expect(welcome.headers.location).toBe('/ja');
  expect(visitor.cookie).toMatch(/^swallow_access=v1\./);
  expect(performance.now() - started).toBeLessThan(60_000);
  const page = await send(visitor, `${app.url}/ja`);
  expect(page.status).toBe(200);
  console.log(`attack: ${bots} addresses, right code let in for ${lookedAt} of them in round two (budget ${BUDGET})`);
});

test('readiness says unavailable while ACCESS_CODE has no strong ACCESS_COOKIE_SECRET (every request gets 503)', async () => {
  app = await startApp({ SWALLOW_BASE_URL: `${UPSTREAM}/v1`, ACCESS_CODE: CODE, ACCESS_COOKIE_SECRET: 'short' });
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200); // alive
  const ready = await fetch(`${app.url}/api/health?ready=1`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'unavailable' });
  expect((await fetch(`${app.url}/ja`)).status).toBe(503);
  await app.printed(/\[health\] not ready: the access settings are broken/);
});
