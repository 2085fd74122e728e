import 'server-only';
import { jsonError } from '@/lib/http/json-error';
import { clientKey } from './client-key';
import { resolveSecurityConfig } from './config';
import { getLimits } from './limits';

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
    response: jsonError(code, message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) }),
  };
}
