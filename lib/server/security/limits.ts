// Abuse protection's settings (resolveSecurityConfig) and counters: requests per minute, replies
// streaming at once (stream slots), unlock attempts; in memory or in Redis (getLimits).
import 'server-only';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Abuse-protection settings, read from the server environment (never NEXT_PUBLIC_*).
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | ACCESS_CODE | one code, or several separated by commas; unset = the app is open | — |
 * | ACCESS_COOKIE_SECRET | key that signs the unlock cookie: random, ≥ 32 characters; required with ACCESS_CODE | — |
 * | RATE_LIMIT_PER_MINUTE | chat requests per client per minute; 0 = off | 20 |
 * | RATE_LIMIT_CONCURRENT | replies streaming at once per client (a semaphore: limits.ts); 0 = off | 3 |
 * | RATE_LIMIT_STREAM_LEASE_SECONDS | how long a dead process's stream slot stays taken (renewed as it streams) | 30 |
 * | ACCESS_MAX_ATTEMPTS | wrong access codes per client per 5 minutes | 5 |
 * | ACCESS_MAX_ATTEMPTS_TOTAL | wrong codes per hour, all clients together; then one try per client an hour | 100 |
 * | REDIS_URL | share the counters between instances | in memory |
 */

export const DEFAULT_UNLOCK_ATTEMPTS_TOTAL = 100;
export const MIN_COOKIE_SECRET_CHARS = 32;

export interface SecurityConfig {
  accessCodes: string[];
  /** Secret for the unlock cookie's HMAC; empty when no access code is set. */
  cookieSecret: string;
  /**
   * Why the access settings cannot be used (ACCESS_CODE without a strong ACCESS_COOKIE_SECRET):
   * the gate then refuses everything rather than sign cookies with a guessable key.
   */
  misconfigured?: string;
  requestsPerMinute: number;
  concurrentStreams: number;
  /** How long a stream slot outlives its last renewal, in ms (a process that died holding it). */
  streamLeaseMs: number;
  unlockAttempts: number;
  unlockAttemptsTotal: number;
  redisUrl?: string;
}

type Env = Record<string, string | undefined>;

const setting = (value: string | undefined, fallback: number) => {
  const n = Number(value?.trim() || NaN);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

export function parseAccessCodes(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ];
}

export function resolveSecurityConfig(env: Env = process.env): SecurityConfig {
  const accessCodes = parseAccessCodes(env.ACCESS_CODE);
  // A key derived from the codes would let one cookie test guesses offline, at memory speed.
  const cookieSecret = accessCodes.length ? (env.ACCESS_COOKIE_SECRET?.trim() ?? '') : '';
  const misconfigured =
    accessCodes.length && cookieSecret.length < MIN_COOKIE_SECRET_CHARS
      ? `ACCESS_CODE is set, so ACCESS_COOKIE_SECRET must be a random string of at least ${MIN_COOKIE_SECRET_CHARS} ` +
        'characters (for example the output of `openssl rand -base64 32`); every request is refused until it is.'
      : undefined;
  return {
    accessCodes,
    cookieSecret,
    ...(misconfigured ? { misconfigured } : {}),
    requestsPerMinute: setting(env.RATE_LIMIT_PER_MINUTE, 20),
    concurrentStreams: setting(env.RATE_LIMIT_CONCURRENT, 3),
    streamLeaseMs: Math.max(3, setting(env.RATE_LIMIT_STREAM_LEASE_SECONDS, STREAM_SLOT_LEASE_MS / 1000)) * 1000,
    unlockAttempts: Math.max(1, setting(env.ACCESS_MAX_ATTEMPTS, 5)),
    unlockAttemptsTotal: Math.max(1, setting(env.ACCESS_MAX_ATTEMPTS_TOTAL, DEFAULT_UNLOCK_ATTEMPTS_TOTAL)),
    redisUrl: env.REDIS_URL?.trim() || undefined,
  };
}

/**
 * The per-client cap on replies streaming at once (RATE_LIMIT_CONCURRENT): a counting semaphore.
 *
 * Each open stream holds one slot, named by a random id, until its reply ends; the slot is
 * released once, by that id. A slot also has a lease: the process holding it renews it every
 * third of the lease for as long as the stream is open (replies have no time limit when
 * self-hosted), and a slot whose process died (no release, no renewal) frees itself when the lease
 * runs out. There is no window: the count is the slots held now, so a slot given back after any
 * amount of time frees exactly one (issue #32: a fixed 120 s window counter, whose late give-back
 * freed an extra slot, let 9 streams run under a cap of 3).
 *
 * In memory, a map of client → slot id → lease end. In Redis (REDIS_URL), a sorted set per client
 * (`swallow:stream-slots:<client>`) of slot ids scored by lease end in Redis's own clock (TIME,
 * so the instances' clocks do not matter): a Lua script drops lapsed slots, counts, and adds
 * the new one in one step, so parallel acquires on any number of instances cannot pass the cap.
 * Renewal re-adds the slot with a new lease end; release removes it (ZREM). The set itself
 * expires with its last lease.
 */
export interface StreamSlots {
  /** A slot id when fewer than `cap` are held, else null. Throws when the store fails. */
  acquire(client: string, cap: number): Promise<string | null>;
  /** Extends the slot's lease (re-adds it if it lapsed: the stream is still open). */
  renew(client: string, id: string): Promise<void>;
  release(client: string, id: string): Promise<void>;
}

/** How long a slot outlives its last renewal (a process that died holding it). */
export const STREAM_SLOT_LEASE_MS = 30_000;

export function memorySlots(leaseMs: number, now: () => number = Date.now): StreamSlots {
  const held = new Map<string, Map<string, number>>();
  return {
    async acquire(client, cap) {
      const slots = held.get(client) ?? new Map<string, number>();
      const time = now();
      for (const [id, until] of slots) if (until <= time) slots.delete(id);
      if (slots.size >= cap) return null;
      const id = crypto.randomUUID();
      slots.set(id, time + leaseMs);
      held.set(client, slots);
      return id;
    },
    async renew(client, id) {
      const slots = held.get(client) ?? new Map<string, number>();
      slots.set(id, now() + leaseMs);
      held.set(client, slots);
    },
    async release(client, id) {
      const slots = held.get(client);
      slots?.delete(id);
      if (slots?.size === 0) held.delete(client);
    },
  };
}

// Milliseconds by Redis's clock. Redis 7 replicates a script's effects, so TIME may precede writes.
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the client's set; ARGV: cap, lease ms, slot id. 1 = acquired, 0 = full. */
const ACQUIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

/** KEYS[1] the client's set; ARGV: lease ms, slot id. */
const RENEW = `${NOW}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;

export function redisSlots(redis: Redis, leaseMs: number): StreamSlots {
  const key = (client: string) => `swallow:stream-slots:${client}`;
  return {
    async acquire(client, cap) {
      const id = crypto.randomUUID();
      const acquired = await redis.eval(ACQUIRE, 1, key(client), cap, leaseMs, id);
      return acquired === 1 ? id : null;
    },
    async renew(client, id) {
      await redis.eval(RENEW, 1, key(client), leaseMs, id);
    },
    async release(client, id) {
      await redis.zrem(key(client), id);
    },
  };
}

/**
 * Per-client abuse limits: chat requests per minute and access-code attempts (counters of
 * rate-limiter-flexible), and replies streaming at once (a semaphore: limits.ts). They live
 * in memory, or in Redis when REDIS_URL is set so that every instance shares them (with an
 * in-memory fallback while Redis is unreachable, so an outage never takes the chat down).
 */

/** We cannot know when another reply ends; this is how long a client is asked to wait. */
export const STREAM_RETRY_AFTER_S = 5;
export const UNLOCK_WINDOW_S = 5 * 60;
/** The window of the deployment-wide budget of access-code attempts (ACCESS_MAX_ATTEMPTS_TOTAL). */
export const UNLOCK_TOTAL_WINDOW_S = 60 * 60;
/**
 * While that budget is spent (a guessing attack), each client may try one code per this long:
 * nobody is locked out, and an attacker gets one guess per address per hour.
 */
export const UNLOCK_UNDER_ATTACK_WINDOW_S = 60 * 60;

export type Admission =
  { ok: true; release: () => Promise<void> } | { ok: false; reason: 'requests' | 'streams'; retryAfterSeconds: number };

export interface Limits {
  /** One chat request: counts it against the per-minute limit and takes a stream slot. */
  admitChat(client: string): Promise<Admission>;
  /**
   * One access-code attempt, counted before the code is checked (against the client's allowance
   * and the deployment's), so parallel guesses cannot all pass a check made before counting.
   * The deployment's budget never refuses by itself: once spent, it paces every client to one
   * attempt an hour (UNLOCK_UNDER_ATTACK_WINDOW_S), so a visitor with the right code still gets
   * in while an attacker's guesses are bounded by the addresses they hold.
   */
  beginUnlock(client: string): Promise<UnlockAttempt>;
  /** True without REDIS_URL; with it, whether Redis answers a PING within a second. */
  redisReachable(): Promise<boolean>;
  close(): Promise<void>;
}

export type UnlockAttempt =
  | { ok: false; waitSeconds: number }
  | {
      ok: true;
      /** Seconds the client must wait if this code is wrong (0 while attempts remain). */
      waitIfWrong: number;
      /** The code was right: the attempt is given back (to the client and the deployment). */
      succeeded(): Promise<void>;
    };

type LimiterOptions = { keyPrefix: string; points: number; duration: number };

function makeFactory(redis: Redis | undefined) {
  return (opts: LimiterOptions): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({
          ...opts,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(opts),
        })
      : new RateLimiterMemory(opts);
}

/** How long a readiness probe waits for Redis to answer a PING. */
const PING_TIMEOUT_MS = 1000;
/** How long the first requests wait for a new Redis client to connect. */
const FIRST_CONNECT_WAIT_MS = 1000;

/**
 * Until the client is ready, the limiters answer from their in-memory insurance, and what is
 * counted there never reaches the other instances (nor this one's later Redis reads): the
 * first guesses after a start would go uncounted. So the first requests wait for the
 * connection, once and briefly; an outage later falls back to memory at once.
 */
function firstConnection(redis: Redis | undefined): Promise<void> {
  if (!redis || redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
    timer.unref?.();
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const seconds = (res: unknown) =>
  Math.max(1, Math.ceil((res instanceof RateLimiterRes ? res.msBeforeNext : 1000) / 1000));

/**
 * Counts one point: `allowed` when the limit allows it, and the counter either way.
 * Rejections are RateLimiterRes (limit reached); anything else is a store failure.
 */
async function count(limiter: RateLimiterAbstract, key: string): Promise<{ allowed: boolean; res: RateLimiterRes }> {
  try {
    return { allowed: true, res: await limiter.consume(key) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
    throw rejection;
  }
}

/** The refusal, or null when the limit allows this point. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  const { allowed, res } = await count(limiter, key);
  return allowed ? null : res;
}

export interface LimitsOptions {
  /** How long a stream slot outlives its last renewal (tests shorten it). */
  streamLeaseMs?: number;
}

export function createLimits(
  config: Pick<SecurityConfig, 'requestsPerMinute' | 'concurrentStreams' | 'unlockAttempts' | 'redisUrl'> &
    Partial<Pick<SecurityConfig, 'unlockAttemptsTotal' | 'streamLeaseMs'>>,
  options: LimitsOptions = {},
): Limits {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  redis?.on('error', (error: Error) => console.warn(`[limits] redis: ${error.message}`));
  const make = makeFactory(redis);
  const ready = firstConnection(redis);

  const requests =
    config.requestsPerMinute > 0
      ? make({ keyPrefix: 'swallow:req', points: config.requestsPerMinute, duration: 60 })
      : null;
  const unlock = make({ keyPrefix: 'swallow:unlock', points: config.unlockAttempts, duration: UNLOCK_WINDOW_S });
  // Per-client limits cannot stop guesses spread over many addresses (a botnet): this one paces them.
  const unlockTotal = make({
    keyPrefix: 'swallow:unlock-total',
    points: config.unlockAttemptsTotal ?? DEFAULT_UNLOCK_ATTEMPTS_TOTAL,
    duration: UNLOCK_TOTAL_WINDOW_S,
  });
  const unlockPaced = make({ keyPrefix: 'swallow:unlock-paced', points: 1, duration: UNLOCK_UNDER_ATTACK_WINDOW_S });
  const DEPLOYMENT = 'deployment';
  const giveBack = (limiter: RateLimiterAbstract, key: string) =>
    limiter.reward(key, 1).then(
      () => undefined,
      () => undefined,
    );

  const leaseMs = options.streamLeaseMs ?? config.streamLeaseMs ?? STREAM_SLOT_LEASE_MS;
  const localSlots = memorySlots(leaseMs);
  const sharedSlots = redis ? redisSlots(redis, leaseMs) : null;
  const heartbeats = new Set<ReturnType<typeof setInterval>>();

  /** One stream slot (its release, once), or null when the client's streams are at the cap. */
  async function takeStreamSlot(client: string): Promise<(() => Promise<void>) | null> {
    let store: StreamSlots = sharedSlots ?? localSlots;
    let id: string | null;
    try {
      id = await store.acquire(client, config.concurrentStreams);
    } catch {
      store = localSlots; // Redis unreachable: this instance counts on its own until it is back
      id = await store.acquire(client, config.concurrentStreams);
    }
    if (id === null) return null;
    const slot = id;
    const renew = () => void store.renew(client, slot).catch(() => undefined);
    const heartbeat = setInterval(renew, Math.max(1, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();
    heartbeats.add(heartbeat);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      heartbeats.delete(heartbeat);
      await store.release(client, slot).catch(() => undefined);
    };
  }

  return {
    async admitChat(client) {
      await ready;
      let releaseSlot: () => Promise<void> = async () => undefined;
      if (config.concurrentStreams > 0) {
        const slot = await takeStreamSlot(client);
        if (!slot) return { ok: false, reason: 'streams', retryAfterSeconds: STREAM_RETRY_AFTER_S };
        releaseSlot = slot;
      }
      if (requests) {
        const limited = await consume(requests, client);
        if (limited) {
          await releaseSlot();
          return { ok: false, reason: 'requests', retryAfterSeconds: seconds(limited) };
        }
      }
      return { ok: true, release: releaseSlot };
    },

    async beginUnlock(client) {
      await ready;
      const mine = await count(unlock, client);
      if (!mine.allowed) return { ok: false, waitSeconds: seconds(mine.res) };
      const waitIfMineSpent = mine.res.remainingPoints === 0 ? seconds(mine.res) : 0;
      const everyone = await count(unlockTotal, DEPLOYMENT);
      if (everyone.allowed) {
        return {
          ok: true,
          waitIfWrong: waitIfMineSpent,
          succeeded: async () => {
            await Promise.all([giveBack(unlock, client), giveBack(unlockTotal, DEPLOYMENT)]);
          },
        };
      }
      // Under attack (the deployment's budget is spent): one attempt per client per hour, or
      // until the budget's window ends, whichever is first. Nobody is locked out.
      const paced = await count(unlockPaced, client);
      const untilAttackEnds = seconds(everyone.res);
      if (!paced.allowed) {
        await giveBack(unlock, client); // refused before the code was looked at
        return { ok: false, waitSeconds: Math.min(seconds(paced.res), untilAttackEnds) };
      }
      return {
        ok: true,
        waitIfWrong: Math.max(waitIfMineSpent, Math.min(seconds(paced.res), untilAttackEnds)),
        succeeded: async () => {
          await Promise.all([
            giveBack(unlock, client),
            giveBack(unlockPaced, client),
            giveBack(unlockTotal, DEPLOYMENT),
          ]);
        },
      };
    },

    async redisReachable() {
      if (!redis) return true;
      await ready;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      // Without the offline queue a PING while disconnected fails at once.
      const pong = redis.ping().then(
        (reply) => reply === 'PONG',
        () => false,
      );
      return Promise.race([pong, timeout]).finally(() => clearTimeout(timer));
    },

    /** Stops renewing this instance's stream slots (as a process that died) and disconnects. */
    async close() {
      for (const heartbeat of heartbeats) clearInterval(heartbeat);
      heartbeats.clear();
      redis?.disconnect();
    },
  };
}

const globalLimits = globalThis as typeof globalThis & { __swallowLimits?: { key: string; limits: Limits } };

/** One Limits per process (per configuration), shared by every route. */
export function getLimits(config: SecurityConfig): Limits {
  const key = JSON.stringify([
    config.requestsPerMinute,
    config.concurrentStreams,
    config.streamLeaseMs,
    config.unlockAttempts,
    config.unlockAttemptsTotal,
    config.redisUrl,
  ]);
  const cached = globalLimits.__swallowLimits;
  if (cached?.key === key) return cached.limits;
  void cached?.limits.close();
  const limits = createLimits(config);
  globalLimits.__swallowLimits = { key, limits };
  return limits;
}
