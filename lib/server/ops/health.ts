import 'server-only';

/**
 * `GET /api/health`: liveness (the process answers) and, with `?ready=1`, readiness (this
 * instance can serve chats). Probes carry no cookie, so the route is open; the body says only
 * `ok` or `unavailable`, never which setting or service is missing (the server log says that).
 */
export interface Readiness {
  /** An upstream endpoint is configured (NVIDIA_API_KEY or SWALLOW_BASE_URL). */
  endpointConfigured: () => boolean;
  /** REDIS_URL unset, or its server answers. */
  redisReachable: () => Promise<boolean>;
  /** The server has been told to stop (SIGTERM) and takes no new chats. */
  shuttingDown: () => boolean;
  /**
   * Why the access settings cannot be used (ACCESS_CODE without a strong ACCESS_COOKIE_SECRET),
   * or undefined: the gate then refuses every request, so the instance can serve nothing.
   */
  accessMisconfigured: () => string | undefined;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** Why this instance is not ready, or null when it is. */
export async function unreadyReason(checks: Readiness): Promise<string | null> {
  if (checks.shuttingDown()) return 'shutting down';
  const access = checks.accessMisconfigured();
  if (access) return `the access settings are broken: ${access}`;
  if (!checks.endpointConfigured()) return 'no model endpoint is configured';
  if (!(await checks.redisReachable())) return 'REDIS_URL is set but Redis does not answer';
  return null;
}

export async function healthResponse(wantsReadiness: boolean, checks: Readiness): Promise<Response> {
  if (!wantsReadiness) return Response.json({ status: 'ok' }, { headers: NO_STORE });
  const reason = await unreadyReason(checks);
  if (!reason) return Response.json({ status: 'ok' }, { headers: NO_STORE });
  console.warn(`[health] not ready: ${reason}`);
  return Response.json({ status: 'unavailable' }, { status: 503, headers: NO_STORE });
}
