import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecurityConfig } from './config';
import { createLimits, type Limits } from './limits';

const memory = (overrides: Partial<Parameters<typeof createLimits>[0]> = {}) =>
  createLimits({ requestsPerMinute: 3, concurrentStreams: 2, unlockAttempts: 2, ...overrides });

async function admitAndRelease(limits: Limits, client: string) {
  const admission = await limits.admitChat(client);
  if (admission.ok) await admission.release();
  return admission;
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

  it('allows three times the chat allowance of code-target requests per minute, none when limits are off', async () => {
    const limits = memory({ requestsPerMinute: 2 });
    for (let i = 0; i < 6; i++) expect(await limits.admitCodeTarget('v')).toEqual({ ok: true });
    const refused = await limits.admitCodeTarget('v');
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThan(50);
    expect((await admitAndRelease(limits, 'v')).ok).toBe(true); // the chat's own allowance is separate
    const off = memory({ requestsPerMinute: 0 });
    for (let i = 0; i < 50; i++) expect((await off.admitCodeTarget('w')).ok).toBe(true);
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

  it('stops guesses from many addresses once the deployment-wide budget is spent', async () => {
    const limits = memory({ unlockAttempts: 5, unlockAttemptsTotal: 10 });
    const outcomes = [];
    for (let i = 0; i < 12; i++) outcomes.push(await limits.beginUnlock(`bot-${i}`));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(outcomes.at(-1)).toMatchObject({ ok: false });
    const wait = outcomes.at(-1)!;
    expect(!wait.ok && wait.waitSeconds).toBeGreaterThan(55 * 60);
    // The refused address was not charged: once the budget is back it still has its attempts.
  });

  it('counts parallel guesses before any of them is checked', async () => {
    const limits = memory({ unlockAttempts: 3 });
    const attempts = await Promise.all(Array.from({ length: 20 }, () => limits.beginUnlock('racer')));
    expect(attempts.filter((a) => a.ok)).toHaveLength(3);
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

  it('says whether Redis answers (readiness), and true without REDIS_URL', async () => {
    const up = await connected(
      createLimits({ requestsPerMinute: 1, concurrentStreams: 1, unlockAttempts: 2, redisUrl: url }),
    );
    expect(await up.redisReachable()).toBe(true);
    expect(await memory().redisReachable()).toBe(true);
  });
});
