import 'server-only';
import { jsonError } from '@/lib/server/http/json-error';
import { clientKey } from './client-key';
import { resolveSecurityConfig } from './config';
import { CODE_TARGET_ALLOWANCE, getLimits } from './limits';

/**
 * A refusal is answered before the body is read; `Connection: close` then ends the connection
 * instead of keeping it alive, which would first read (and throw away) the rest of the body.
 */
const refusalHeaders = (seconds: number) => ({ 'Retry-After': String(seconds), Connection: 'close' });

export type ChatAdmission = { ok: true; release: () => void } | { ok: false; response: Response };

/**
 * The per-client limits for one chat request: 429 too_many_requests / too_many_streams
 * with Retry-After, or a `release` to call once the reply ends (it frees the client's stream slot).
 */
export async function admitChatRequest(req: Request): Promise<ChatAdmission> {
  const config = resolveSecurityConfig();
  const admission = await getLimits(config).admitChat(clientKey(req.headers));
  if (admission.ok) return { ok: true, release: () => void admission.release() };

  const seconds = admission.retryAfterSeconds;
  const [code, message] =
    admission.reason === 'streams'
      ? (['too_many_streams', `At most ${config.concurrentStreams} replies may stream at once per client`] as const)
      : (['too_many_requests', `At most ${config.requestsPerMinute} chat requests per minute per client`] as const);
  return {
    ok: false,
    response: jsonError(code, message, { retryAfterSeconds: seconds }, refusalHeaders(seconds)),
  };
}

/** The per-client allowance of POST /api/code-target, checked before its body is read. */
export async function admitCodeTargetRequest(req: Request): Promise<Response | null> {
  const config = resolveSecurityConfig();
  const admission = await getLimits(config).admitCodeTarget(clientKey(req.headers));
  if (admission.ok) return null;
  const seconds = admission.retryAfterSeconds;
  const perMinute = config.requestsPerMinute * CODE_TARGET_ALLOWANCE;
  return jsonError(
    'too_many_requests',
    `At most ${perMinute} code-target requests per minute per client`,
    { retryAfterSeconds: seconds },
    refusalHeaders(seconds),
  );
}
