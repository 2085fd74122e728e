import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecurityConfig, createLimits, type Limits } from './limits';

const memory = (overrides: Partial<Parameters<typeof createLimits>[0]> = {}) =>
  createLimits({ requestsPerMinute: 3, concurrentStreams: 2, unlockAttempts: 2, ...overrides });

async function admitAndRelease(limits: Limits, client: string) {
  const admission = await limits.admitChat(client);
  if (admission.ok) await admission.release();
  return admission;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every order of [0, …, n-1]. */
function orders(n: number): number[][] {
  if (n === 0) return [[]];
  return orders(n - 1).flatMap((order) => Array.from({ length: n }, (_, i) => order.toSpliced(i, 0, n - 1)));
}

/** Admissions that got a slot, their release kept: the caller ends them. */
type Held = Extract<Awaited<ReturnType<Limits['admitChat']>>, { ok: true }>;

async function admitted(limits: Limits, client: string): Promise<Held | null> {
  const admission = await limits.admitChat(client);
  return admission.ok ? admission : admission.reason === 'streams' ? null : Promise.reject(new Error(admission.reason));
}

// Long enough that a loaded machine's timer delays do not let a renewed slot lapse.
const LEASE_MS = 500;
const CAP = 3;
const streamOptions = { requestsPerMinute: 0, concurrentStreams: CAP, unlockAttempts: 5 };

/**
 * The stream cap (a semaphore), on one instance or several sharing Redis. `instances()` gives
 * fresh Limits with a lease of LEASE_MS; streams alternate between them.
 */
function streamCapTests(instances: () => Promise<Limits[]>) {
  it('holds the cap while streams outlive many leases, and each release frees one slot, in every order', async () => {
    const all = await instances();
    const at = (i: number) => all[i % all.length];
    for (const [n, order] of orders(CAP).entries()) {
      const client = `order-${order.join('')}-${crypto.randomUUID()}`;
      const held = await Promise.all(Array.from({ length: CAP }, (_, i) => admitted(at(i), client)));
      expect(held.every(Boolean)).toBe(true);
      // Across lease edges (the old counter's window edge was one), nothing more gets in.
      const until = performance.now() + (n === 0 ? 4 : 1.2) * LEASE_MS;
      while (performance.now() < until) {
        expect(await admitted(at(1), client)).toBeNull();
        await pause(20);
      }
      for (const i of order) {
        await held[i]!.release();
        await held[i]!.release(); // released once: a second call frees nothing more
        const [first, second] = [await admitted(at(i), client), await admitted(at(i + 1), client)];
        expect(first).not.toBeNull();
        expect(second).toBeNull();
        held[i] = first;
      }
      await Promise.all(held.map((h) => h!.release()));
    }
  }, 60_000);

  it('streams given back after the lease edge free only their own slots (the re-test: 6 at once under a cap of 3)', async () => {
    const all = await instances();
    const client = `edge-${crypto.randomUUID()}`;
    const held = await Promise.all(Array.from({ length: CAP }, (_, i) => admitted(all[i % all.length], client)));
    await pause(2.5 * LEASE_MS); // opened before the edge, closed after it
    await Promise.all(held.map((h) => h!.release()));
    const burst = await Promise.all(Array.from({ length: 2 * CAP }, (_, i) => admitted(all[i % all.length], client)));
    expect(burst.filter(Boolean)).toHaveLength(CAP);
    await Promise.all(burst.map((h) => h?.release()));
  }, 30_000);

  it('parallel admissions never pass the cap', async () => {
    const all = await instances();
    const client = `race-${crypto.randomUUID()}`;
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => admitted(all[i % all.length], client)));
    expect(burst.filter(Boolean)).toHaveLength(CAP);
    await Promise.all(burst.map((h) => h?.release()));
  });

  it('a slot whose process died (no release, no renewal) frees itself when its lease runs out', async () => {
    const [dying, ...rest] = await instances();
    const survivor = rest[0] ?? dying;
    const client = `died-${crypto.randomUUID()}`;
    for (let i = 0; i < CAP; i++) expect(await admitted(dying, client)).not.toBeNull();
    await dying.close(); // its heartbeats stop; nothing is released
    expect(await admitted(survivor, client)).toBeNull();
    await pause(LEASE_MS + 300);
    const after = await Promise.all(Array.from({ length: CAP + 1 }, () => admitted(survivor, client)));
    expect(after.filter(Boolean)).toHaveLength(CAP);
    await Promise.all(after.map((h) => h?.release()));
  }, 30_000);
}

/**
 * A guessing attack from 1,000 addresses against a budget of 10 wrong codes: at most the budget
 * plus one guess per address gets looked at, a second and third round get nothing, and a visitor
 * from a new address with the right code gets in at once.
 */
async function underAttack(limits: Limits) {
  const tag = crypto.randomUUID();
  const bots = Array.from({ length: 1000 }, (_, i) => `bot-${tag}-${i}`);
  const round = async () => (await Promise.all(bots.map((bot) => limits.beginUnlock(bot)))).filter((a) => a.ok);
  const looked = [(await round()).length, (await round()).length, (await round()).length];
  expect(looked[0] + looked[1]).toBeLessThanOrEqual(10 + bots.length);
  expect(looked[0] + looked[1]).toBeGreaterThan(bots.length); // the budget itself was used
  expect(looked[2]).toBe(0);
  // A bot that guessed while paced waits for the hour (or the end of the budget's window).
  const refused = await limits.beginUnlock(bots[500]);
  expect(refused).toMatchObject({ ok: false });
  expect(!refused.ok && refused.waitSeconds).toBeGreaterThan(55 * 60);

  // The visitor: a new address, the right code. Let in at once, and the success costs nothing.
  const visitor = await limits.beginUnlock(`visitor-${tag}`);
  expect(visitor).toMatchObject({ ok: true });
  if (visitor.ok) await visitor.succeeded();
  const again = await limits.beginUnlock(`visitor-${tag}`);
  expect(again.ok).toBe(true);
  // Parallel attempts from one new address while paced: one is looked at.
  const racing = await Promise.all(Array.from({ length: 20 }, () => limits.beginUnlock(`racer-${tag}`)));
  expect(racing.filter((attempt) => attempt.ok)).toHaveLength(1);
  // A new address with a wrong code: looked at once, then told to wait about an hour.
  const guess = await limits.beginUnlock(`newcomer-${tag}`);
  expect(guess.ok && guess.waitIfWrong).toBeGreaterThan(55 * 60);
  expect((await limits.beginUnlock(`newcomer-${tag}`)).ok).toBe(false);
}

describe('createLimits (in memory)', () => {
  it('by default lets one client run a comparison: two replies streaming at once', async () => {
    const limits = createLimits(resolveSecurityConfig({}));
    const [left, right] = [await limits.admitChat('c'), await limits.admitChat('c')];
    expect([left.ok, right.ok]).toEqual([true, true]);
    if (left.ok) await left.release();
    if (right.ok) await right.release();
  });

  it('allows N chat requests per minute per client, then 429 with the wait', async () => {
    const limits = memory();
    for (let i = 0; i < 3; i++) expect((await admitAndRelease(limits, 'a')).ok).toBe(true);
    const refused = await admitAndRelease(limits, 'a');
    expect(refused).toMatchObject({ ok: false, reason: 'requests' });
    expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThan(50);
    expect((await admitAndRelease(limits, 'b')).ok).toBe(true); // another client
  });

  it('caps concurrent streams and frees a slot on release (once)', async () => {
    const limits = memory({ requestsPerMinute: 100 });
    const first = await limits.admitChat('c');
    const second = await limits.admitChat('c');
    expect(await limits.admitChat('c')).toMatchObject({ ok: false, reason: 'streams', retryAfterSeconds: 5 });
    if (!first.ok || !second.ok) throw new Error('expected admissions');
    await first.release();
    await first.release(); // a second release frees nothing more
    const third = await limits.admitChat('c');
    expect(third.ok).toBe(true);
    expect((await limits.admitChat('c')).ok).toBe(false);
  });

  it('a refused request does not keep a stream slot', async () => {
    const limits = memory({ requestsPerMinute: 1, concurrentStreams: 1 });
    expect((await admitAndRelease(limits, 'd')).ok).toBe(true);
    expect(await limits.admitChat('d')).toMatchObject({ ok: false, reason: 'requests' });
    expect(await limits.admitChat('d')).toMatchObject({ ok: false, reason: 'requests' }); // not 'streams'
  });

  it('0 switches a limit off', async () => {
    const limits = memory({ requestsPerMinute: 0, concurrentStreams: 0 });
    for (let i = 0; i < 20; i++) expect((await limits.admitChat('e')).ok).toBe(true);
  });

  it('blocks access-code guessing after the allowed wrong attempts', async () => {
    const limits = memory();
    const first = await limits.beginUnlock('f');
    expect(first).toMatchObject({ ok: true, waitIfWrong: 0 });
    const second = await limits.beginUnlock('f');
    expect(second.ok && second.waitIfWrong).toBeGreaterThan(200);
    expect(await limits.beginUnlock('f')).toMatchObject({ ok: false, waitSeconds: expect.any(Number) });
    expect((await limits.beginUnlock('g')).ok).toBe(true);
  });

  it('gives a right code its attempt back', async () => {
    const limits = memory();
    for (let i = 0; i < 5; i++) {
      const attempt = await limits.beginUnlock('h');
      expect(attempt.ok).toBe(true);
      if (attempt.ok) await attempt.succeeded();
    }
  });

  it('a spent deployment-wide budget paces guessers to one attempt an hour each, and locks nobody out', async () => {
    await underAttack(memory({ unlockAttempts: 5, unlockAttemptsTotal: 10 }));
  }, 30_000);

  it('counts parallel guesses before any of them is checked', async () => {
    const limits = memory({ unlockAttempts: 3 });
    const attempts = await Promise.all(Array.from({ length: 20 }, () => limits.beginUnlock('racer')));
    expect(attempts.filter((a) => a.ok)).toHaveLength(3);
  });
});

describe('the stream cap (in memory)', () => {
  const made: Limits[] = [];
  afterAll(() => Promise.all(made.map((l) => l.close())));
  streamCapTests(async () => {
    const limits = createLimits(streamOptions, { streamLeaseMs: LEASE_MS });
    made.push(limits);
    return [limits];
  });
});

/** A real redis-server on a free port (CI installs it; see .ci/run). */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('createLimits with Redis (REDIS_URL): counters shared between instances', () => {
  let redis: ChildProcess;
  let url = '';
  const instances: Limits[] = [];

  beforeAll(async () => {
    const found = spawnSync('redis-server', ['--version']);
    if (found.error) throw new Error('redis-server is needed for this test: apt-get install redis-server (CI does)');
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    url = `redis://127.0.0.1:${port}`;
    const { Redis } = await import('ioredis');
    const probe = new Redis(url, { retryStrategy: () => 50 });
    probe.on('error', () => undefined); // refused until the server listens
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${url}`)), 10_000);
      probe.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    probe.disconnect();
  });

  afterAll(async () => {
    await Promise.all(instances.map((l) => l.close()));
    redis?.kill();
  });

  // Used at once, as the first request after a start uses them: what they count must reach Redis.
  const connected = async (limits: Limits) => {
    instances.push(limits);
    return limits;
  };
  /**
   * Connected before use: on a loaded machine the first connection may take longer than the
   * second the first requests wait for it, and what they count then stays in that instance's memory.
   */
  const ready = async (limits: Limits) => {
    instances.push(limits);
    await expect.poll(() => limits.redisReachable(), { timeout: 20_000 }).toBe(true);
    return limits;
  };

  it('two app instances share the per-minute limit and the stream cap', async () => {
    const tag = `client-${Date.now()}`;
    const a = await connected(
      createLimits({ requestsPerMinute: 3, concurrentStreams: 2, unlockAttempts: 2, redisUrl: url }),
    );
    const b = await connected(
      createLimits({ requestsPerMinute: 3, concurrentStreams: 2, unlockAttempts: 2, redisUrl: url }),
    );
    expect((await admitAndRelease(a, tag)).ok).toBe(true);
    expect((await admitAndRelease(b, tag)).ok).toBe(true);
    expect((await admitAndRelease(a, tag)).ok).toBe(true);
    expect(await b.admitChat(tag)).toMatchObject({ ok: false, reason: 'requests' });

    const streamer = `${tag}-s`;
    const first = await a.admitChat(streamer);
    const second = await b.admitChat(streamer);
    expect(first.ok && second.ok).toBe(true);
    expect(await a.admitChat(streamer)).toMatchObject({ ok: false, reason: 'streams' });
    if (second.ok) await second.release();
    expect((await a.admitChat(streamer)).ok).toBe(true);

    const guesser = `${tag}-u`;
    expect((await a.beginUnlock(guesser)).ok).toBe(true);
    expect((await b.beginUnlock(guesser)).ok).toBe(true);
    expect((await a.beginUnlock(guesser)).ok).toBe(false);
  });

  it("counts the very first guesses after a start in Redis, not in a fresh instance's memory", async () => {
    const guesser = `first-${Date.now()}`;
    const fresh = await connected(
      createLimits({ requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 2, redisUrl: url }),
    );
    expect(await fresh.beginUnlock(guesser)).toMatchObject({ ok: true, waitIfWrong: 0 });
    expect(await fresh.beginUnlock(guesser)).toMatchObject({ ok: true, waitIfWrong: expect.any(Number) });
    const other = await connected(
      createLimits({ requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 2, redisUrl: url }),
    );
    expect((await other.beginUnlock(guesser)).ok).toBe(false);
  });

  it('counts parallel guesses on two instances in Redis before any is checked', async () => {
    const racer = `race-${Date.now()}`;
    const options = { requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 3, redisUrl: url };
    const a = await connected(createLimits(options));
    const b = await connected(createLimits(options));
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).beginUnlock(racer)));
    expect(attempts.filter((attempt) => attempt.ok)).toHaveLength(3);
  });

  it('keeps working (in memory) while Redis is unreachable', async () => {
    const down = await connected(
      createLimits({
        requestsPerMinute: 1,
        concurrentStreams: 1,
        unlockAttempts: 2,
        redisUrl: `redis://127.0.0.1:${await freePort()}`,
      }),
    );
    expect((await admitAndRelease(down, 'x')).ok).toBe(true);
    expect(await down.admitChat('x')).toMatchObject({ ok: false, reason: 'requests' });
    expect(await down.redisReachable()).toBe(false);
  });

  describe('the stream cap, shared by two instances through Redis', () => {
    streamCapTests(async () => [
      await ready(createLimits({ ...streamOptions, redisUrl: url }, { streamLeaseMs: LEASE_MS })),
      await ready(createLimits({ ...streamOptions, redisUrl: url }, { streamLeaseMs: LEASE_MS })),
    ]);

    it('keeps the slots in one sorted set per client, scored by lease end, that expires with its last lease', async () => {
      const limits = await ready(createLimits({ ...streamOptions, redisUrl: url }, { streamLeaseMs: 5_000 }));
      const client = `set-${crypto.randomUUID()}`;
      const held = await admitted(limits, client);
      const { Redis } = await import('ioredis');
      const probe = new Redis(url);
      const key = `swallow:stream-slots:${client}`;
      expect(await probe.zcard(key)).toBe(1);
      expect(await probe.pttl(key)).toBeGreaterThan(4_000);
      await held!.release();
      expect(await probe.exists(key)).toBe(0);
      probe.disconnect();
    });
  });

  it('a spent deployment-wide budget paces guessers on every instance, and locks nobody out', async () => {
    const options = { requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 5, unlockAttemptsTotal: 10 };
    // A fresh budget: the deployment-wide key is shared by every test on this Redis.
    const { Redis } = await import('ioredis');
    const probe = new Redis(url);
    await probe.del('swallow:unlock-total:deployment');
    probe.disconnect();
    await underAttack(await ready(createLimits({ ...options, redisUrl: url })));
  }, 60_000);

  it('says whether Redis answers (readiness), and true without REDIS_URL', async () => {
    const up = await connected(
      createLimits({ requestsPerMinute: 1, concurrentStreams: 1, unlockAttempts: 2, redisUrl: url }),
    );
    expect(await up.redisReachable()).toBe(true);
    expect(await memory().redisReachable()).toBe(true);
  });
});
