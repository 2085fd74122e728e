import 'server-only';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DEFAULT_UNLOCK_ATTEMPTS_TOTAL, type SecurityConfig } from './config';

/**
 * Per-client abuse limits on top of rate-limiter-flexible: chat requests per minute,
 * replies streaming at once, and wrong access codes. Counters live in memory, or in Redis
 * when REDIS_URL is set so that every instance shares them (with an in-memory fallback
 * while Redis is unreachable, so an outage never takes the chat down).
 */

/** How long a stream slot is held at most if its release never runs (crash): > maxDuration. */
export const STREAM_SLOT_TTL_S = 120;
/** We cannot know when another reply ends; this is how long a client is asked to wait. */
export const STREAM_RETRY_AFTER_S = 5;
export const UNLOCK_WINDOW_S = 5 * 60;
/** The window of the deployment-wide budget of access-code attempts (ACCESS_MAX_ATTEMPTS_TOTAL). */
export const UNLOCK_TOTAL_WINDOW_S = 60 * 60;
/**
 * "View code" asks POST /api/code-target when its dialog opens and as the draft changes: it may
 * ask this many times as often as the chat (the same tokenizer work, nothing sent upstream).
 */
export const CODE_TARGET_ALLOWANCE = 3;

export type Admission =
  { ok: true; release: () => Promise<void> } | { ok: false; reason: 'requests' | 'streams'; retryAfterSeconds: number };

export interface Limits {
  /** One chat request: counts it against the per-minute limit and takes a stream slot. */
  admitChat(client: string): Promise<Admission>;
  /** One code-target request (no stream): counts it against its own per-minute allowance. */
  admitCodeTarget(client: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /**
   * One access-code attempt, counted before the code is checked (against the client's allowance
   * and the deployment's), so parallel guesses cannot all pass a check made before counting.
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
      /** The code was right: the attempt is given back, to the client and the deployment. */
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

export function createLimits(
  config: Pick<SecurityConfig, 'requestsPerMinute' | 'concurrentStreams' | 'unlockAttempts' | 'redisUrl'> &
    Partial<Pick<SecurityConfig, 'unlockAttemptsTotal'>>,
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
  const streams =
    config.concurrentStreams > 0
      ? make({ keyPrefix: 'swallow:streams', points: config.concurrentStreams, duration: STREAM_SLOT_TTL_S })
      : null;
  const codeTarget =
    config.requestsPerMinute > 0
      ? make({ keyPrefix: 'swallow:code', points: config.requestsPerMinute * CODE_TARGET_ALLOWANCE, duration: 60 })
      : null;
  const unlock = make({ keyPrefix: 'swallow:unlock', points: config.unlockAttempts, duration: UNLOCK_WINDOW_S });
  // Per-client limits cannot stop guesses spread over many addresses (a botnet): this one can.
  const unlockTotal = make({
    keyPrefix: 'swallow:unlock-total',
    points: config.unlockAttemptsTotal ?? DEFAULT_UNLOCK_ATTEMPTS_TOTAL,
    duration: UNLOCK_TOTAL_WINDOW_S,
  });
  const DEPLOYMENT = 'deployment';
  const giveBack = (limiter: RateLimiterAbstract, key: string) =>
    limiter.reward(key, 1).then(
      () => undefined,
      () => undefined,
    );

  return {
    async admitChat(client) {
      await ready;
      if (streams) {
        const full = await consume(streams, client);
        if (full) {
          // A refused consume still counted its point: give it back, or the slot leaks.
          await streams.reward(client, 1).catch(() => undefined);
          return { ok: false, reason: 'streams', retryAfterSeconds: STREAM_RETRY_AFTER_S };
        }
      }
      const releaseSlot = async () => {
        await streams?.reward(client, 1).catch(() => undefined);
      };
      if (requests) {
        const limited = await consume(requests, client);
        if (limited) {
          await releaseSlot();
          return { ok: false, reason: 'requests', retryAfterSeconds: seconds(limited) };
        }
      }
      let released = false;
      return {
        ok: true,
        release: async () => {
          if (released) return;
          released = true;
          await releaseSlot();
        },
      };
    },

    async admitCodeTarget(client) {
      await ready;
      const limited = codeTarget ? await consume(codeTarget, client) : null;
      return limited ? { ok: false, retryAfterSeconds: seconds(limited) } : { ok: true };
    },

    async beginUnlock(client) {
      await ready;
      const mine = await count(unlock, client);
      if (!mine.allowed) return { ok: false, waitSeconds: seconds(mine.res) };
      const everyone = await count(unlockTotal, DEPLOYMENT);
      if (!everyone.allowed) {
        await giveBack(unlock, client); // refused before the code was looked at
        return { ok: false, waitSeconds: seconds(everyone.res) };
      }
      return {
        ok: true,
        waitIfWrong: mine.res.remainingPoints === 0 ? seconds(mine.res) : 0,
        succeeded: async () => {
          await Promise.all([giveBack(unlock, client), giveBack(unlockTotal, DEPLOYMENT)]);
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

    async close() {
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
