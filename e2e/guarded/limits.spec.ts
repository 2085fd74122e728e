import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { MESSAGES, openChat, sendMessage, uniqueTag, upstreamRequests } from '../support';
import { chatBody, unlock, unlockedContext, unlockedRequest, uniqueIp } from './helpers';
import { GUARDED } from './settings';
import { postChat, unlock as unlockClient, type Client, type Reply } from '../ops/client';

test.describe('per-client limits (shared through Redis)', () => {
  test('a refused request counts against the minute but gives its stream slot back', async ({
    playwright,
    baseURL,
  }) => {
    const context = await unlockedRequest(playwright, baseURL);
    for (let i = 0; i < GUARDED.concurrent; i++) {
      const bad = await context.post('/api/chat', { data: { ...chatBody('x'), temperature: 9 } });
      expect(bad.status()).toBe(400);
    }
    const tag = uniqueTag();
    const ok = await context.post('/api/chat', { data: chatBody(tag) });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain('"type":"finish"');
    await context.dispose();
  });

  test(`${GUARDED.perMinute} chats a minute per client, then 429 with Retry-After; other clients unaffected`, async ({
    playwright,
    baseURL,
  }) => {
    const ip = uniqueIp();
    const context = await unlockedRequest(playwright, baseURL, ip);
    const tag = uniqueTag();
    for (let i = 0; i < GUARDED.perMinute; i++) {
      const ok = await context.post('/api/chat', { data: chatBody(`${tag} ${i}`) });
      expect(ok.status()).toBe(200);
      await ok.text();
    }
    const refused = await context.post('/api/chat', { data: chatBody(`${tag} over`) });
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await refused.json()).error).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: retryAfter });
    expect(await upstreamRequests(`${tag} over`)).toHaveLength(0);
    // Refused before the body is read: 1 MiB that is not even JSON gets the same 429.
    const unread = await context.post('/api/chat', {
      data: 'x'.repeat(1024 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expect(unread.status()).toBe(429);
    expect((await unread.json()).error).toMatchObject({ code: 'too_many_requests' });

    // The counter lives in Redis, where every instance of the app sees it.
    const redis = new Redis(GUARDED.redisPort, '127.0.0.1');
    expect(Number(await redis.get(`swallow:req:${ip}`))).toBeGreaterThan(GUARDED.perMinute);
    redis.disconnect();

    const other = uniqueIp();
    await unlock(context, other);
    expect(
      (
        await context.post('/api/chat', { data: chatBody(`${tag} other`), headers: { 'x-forwarded-for': other } })
      ).status(),
    ).toBe(200);
    await context.dispose();
  });

  test(`at most ${GUARDED.concurrent} replies stream at once per client; a finished one frees its slot`, async ({
    playwright,
    baseURL,
  }) => {
    const ip = uniqueIp();
    const streams = await Promise.all(
      Array.from({ length: GUARDED.concurrent }, async () => {
        return unlockedRequest(playwright, baseURL, ip);
      }),
    );
    const tag = uniqueTag();
    const pending = streams.map((context, i) =>
      context.post('/api/chat', { data: chatBody(`[[scenario:slow]] ${tag} ${i}`), timeout: 60_000 }).catch(() => null),
    );
    await expect.poll(async () => (await upstreamRequests(tag)).length).toBe(GUARDED.concurrent);

    const extra = await unlockedRequest(playwright, baseURL, ip);
    const refused = await extra.post('/api/chat', { data: chatBody(`${tag} extra`) });
    expect(refused.status()).toBe(429);
    expect(refused.headers()['retry-after']).toBe('5');
    expect((await refused.json()).error).toMatchObject({ code: 'too_many_streams' });

    await streams[0].dispose(); // one client hangs up: its stream ends, its slot is freed
    await pending[0];
    await expect
      .poll(async () => {
        const response = await extra.post('/api/chat', { data: chatBody(`${tag} after`) });
        await response.text();
        return response.status();
      })
      .toBe(200);
    await Promise.all([...streams.slice(1), extra].map((c) => c.dispose()));
  });

  test(`the stream cap is a semaphore: streams held past the slot lease still count, and hanging up in either order frees one slot each`, async ({
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const errorCode = async (reply: Reply) => ((await reply.done)[0] as { error?: { code: string } }).error?.code;
    for (const [order, holdMs] of [
      [[0, 1], 0],
      // Past the slot lease (RATE_LIMIT_STREAM_LEASE_SECONDS, short here): renewed while the replies stream.
      [[1, 0], GUARDED.streamLeaseSeconds * 1000 + 2_000],
    ] as const) {
      const client: Client = { address: '127.0.0.1', headers: { 'x-forwarded-for': uniqueIp() } };
      expect((await unlockClient(client, baseURL!, GUARDED.accessCodes[0])).status).toBe(303);
      const tag = uniqueTag();
      // "slow": a piece every 200 ms for a minute.
      const open = (name: string) => postChat(client, baseURL!, `[[scenario:slow]] ${tag} ${name}`);
      const held: Reply[] = [await open('a'), await open('b')];
      expect(held.map((reply) => reply.status)).toEqual([200, 200]);
      await Promise.all(held.map((reply) => reply.firstToken));
      if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
      const refused = await open('refused');
      expect(refused.status).toBe(429);
      expect(await errorCode(refused)).toBe('too_many_streams');
      for (const i of order) {
        held[i].abort(); // the browser goes away: the reply ends and gives its slot back
        let next: Reply | undefined;
        await expect
          .poll(async () => {
            next = await open(`after ${i}`);
            if (next.status !== 200) await next.done;
            return next.status;
          })
          .toBe(200);
        held[i] = next!;
        // Exactly one slot was freed: the cap is full again.
        const again = await open(`again ${i}`);
        expect(again.status).toBe(429);
        expect(await errorCode(again)).toBe('too_many_streams');
      }
      held.forEach((reply) => reply.abort());
    }
  });

  for (const locale of ['ja', 'en'] as const) {
    test(`the chat shows the limit in words, with the wait (${locale})`, async ({ browser, baseURL }) => {
      const context = await unlockedContext(browser, baseURL!, locale);
      const page = await context.newPage();
      await openChat(page, locale);
      // Spend the minute's allowance from this client, then send from the page.
      for (let i = 0; i < GUARDED.perMinute; i++) {
        await (await context.request.post('/api/chat', { data: chatBody(`spend ${uniqueTag()}`) })).text();
      }
      await sendMessage(page, `one too many ${uniqueTag()}`);
      const error = page.getByTestId('chat-error');
      await expect(error).toHaveAttribute('data-code', 'too_many_requests');
      const text = (await error.locator('p').first().textContent()) ?? '';
      const seconds = /(\d+)/.exec(text)?.[1];
      expect(text).toBe(MESSAGES[locale].errors.too_many_requests.replace('{seconds}', seconds ?? '?'));
      await expect(error.getByTestId('retry')).toBeVisible();
      await context.close();
    });
  }
});
