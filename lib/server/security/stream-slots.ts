import 'server-only';
import type { Redis } from 'ioredis';

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
