import 'server-only';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DEFAULT_UNLOCK_ATTEMPTS_TOTAL, type SecurityConfig } from './config';
import { STREAM_SLOT_LEASE_MS, memorySlots, redisSlots, type StreamSlots } from './stream-slots';

/**
 * Per-client abuse limits: chat requests per minute and access-code attempts (counters of
 * rate-limiter-flexible), and replies streaming at once (a semaphore: stream-slots.ts). They live
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
