/**
 * Abuse-protection settings, read from the server environment (never NEXT_PUBLIC_*).
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | ACCESS_CODE | one code, or several separated by commas; unset = the app is open | — |
 * | ACCESS_COOKIE_SECRET | key that signs the unlock cookie: random, ≥ 32 characters; required with ACCESS_CODE | — |
 * | RATE_LIMIT_PER_MINUTE | chat requests per client per minute; 0 = off | 20 |
 * | RATE_LIMIT_CONCURRENT | replies streaming at once per client (a semaphore: stream-slots.ts); 0 = off | 3 |
 * | RATE_LIMIT_STREAM_LEASE_SECONDS | how long a dead process's stream slot stays taken (renewed as it streams) | 30 |
 * | ACCESS_MAX_ATTEMPTS | wrong access codes per client per 5 minutes | 5 |
 * | ACCESS_MAX_ATTEMPTS_TOTAL | wrong codes per hour, all clients together; then one try per client an hour | 100 |
 * | REDIS_URL | share the counters between instances | in memory |
 */
import 'server-only';
import { STREAM_SLOT_LEASE_MS } from './stream-slots';

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

const count = (value: string | undefined, fallback: number) => {
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
    requestsPerMinute: count(env.RATE_LIMIT_PER_MINUTE, 20),
    concurrentStreams: count(env.RATE_LIMIT_CONCURRENT, 3),
    streamLeaseMs: Math.max(3, count(env.RATE_LIMIT_STREAM_LEASE_SECONDS, STREAM_SLOT_LEASE_MS / 1000)) * 1000,
    unlockAttempts: Math.max(1, count(env.ACCESS_MAX_ATTEMPTS, 5)),
    unlockAttemptsTotal: Math.max(1, count(env.ACCESS_MAX_ATTEMPTS_TOTAL, DEFAULT_UNLOCK_ATTEMPTS_TOTAL)),
    redisUrl: env.REDIS_URL?.trim() || undefined,
  };
}
