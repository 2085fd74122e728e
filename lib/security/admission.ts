import { jsonError } from '@/lib/http/json-error';
import { clientKey } from './client-key';
import { resolveSecurityConfig } from './config';
import { getLimits, releaseWhenDone } from './limits';

export type ChatAdmission = { ok: true; hold: (response: Response) => Response } | { ok: false; response: Response };

/**
 * The per-client limits for one chat request: 429 too_many_requests / too_many_streams
 * with Retry-After, or a `hold` that keeps the client's stream slot until the reply ends.
 */
export async function admitChatRequest(req: Request): Promise<ChatAdmission> {
  const config = resolveSecurityConfig();
  const admission = await getLimits(config).admitChat(clientKey(req.headers));
  if (admission.ok) return { ok: true, hold: (response) => releaseWhenDone(response, admission.release) };

  const seconds = admission.retryAfterSeconds;
  const [code, message] =
    admission.reason === 'streams'
      ? (['too_many_streams', `At most ${config.concurrentStreams} replies may stream at once per client`] as const)
      : (['too_many_requests', `At most ${config.requestsPerMinute} chat requests per minute per client`] as const);
  return {
    ok: false,
    response: jsonError(429, code, message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) }),
  };
}
