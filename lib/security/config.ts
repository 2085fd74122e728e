/**
 * Abuse-protection settings, read from the server environment (never NEXT_PUBLIC_*).
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | ACCESS_CODE | one code, or several separated by commas; unset = the app is open | — |
 * | ACCESS_COOKIE_SECRET | key that signs the unlock cookie | derived from the codes |
 * | RATE_LIMIT_PER_MINUTE | chat requests per client per minute; 0 = off | 20 |
 * | RATE_LIMIT_CONCURRENT | replies streaming at once per client; 0 = off | 3 |
 * | ACCESS_MAX_ATTEMPTS | wrong access codes per client per 5 minutes | 5 |
 * | REDIS_URL | share the counters between instances | in memory |
 */
import 'server-only';

export interface SecurityConfig {
  accessCodes: string[];
  /** Secret for the unlock cookie's HMAC; empty when no access code is set. */
  cookieSecret: string;
  requestsPerMinute: number;
  concurrentStreams: number;
  unlockAttempts: number;
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
  // Without an explicit secret, the codes themselves key the HMAC: changing the codes
  // signs everyone out, and nothing else needs configuring.
  const cookieSecret =
    env.ACCESS_COOKIE_SECRET?.trim() || (accessCodes.length ? `swallow-access\0${accessCodes.join('\0')}` : '');
  return {
    accessCodes,
    cookieSecret,
    requestsPerMinute: count(env.RATE_LIMIT_PER_MINUTE, 20),
    concurrentStreams: count(env.RATE_LIMIT_CONCURRENT, 3),
    unlockAttempts: Math.max(1, count(env.ACCESS_MAX_ATTEMPTS, 5)),
    redisUrl: env.REDIS_URL?.trim() || undefined,
  };
}
