/** How playwright.config.ts starts the guarded app (a private deployment), shared with its specs. */
export const GUARDED = {
  accessCodes: ['swallow-test-code', 'セカンド・コード'],
  cookieSecret: 'e2e-cookie-secret-7Qm2Xv9Lk4Rt8Wz1Pd6Ny3Hc',
  /** Sent upstream as the API key: it must reach the upstream and nothing else. */
  apiKeyMarker: 'TEST-ONLY-GUARDED-MARKER',
  perMinute: 4,
  concurrent: 2,
  /** The stream slots' lease (30 s by default): short, so the semaphore test holds replies past it in seconds. */
  streamLeaseSeconds: 3,
  unlockAttempts: 3,
  /** All clients together, per hour: high enough for the suite (tested in lib/server/security/limits.test.ts). */
  unlockAttemptsTotal: 500,
  redisPort: Number(process.env.E2E_UPSTREAM_PORT ?? 4010) + 1,
} as const;
