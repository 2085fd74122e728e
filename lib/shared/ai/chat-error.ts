import { cleanDetail } from './error-body';

/**
 * The typed, localizable error codes of a failed chat turn, each with the HTTP status a response
 * failing with it carries. The server classifies an upstream
 * failure (`classifyUpstreamError` in errors.ts) and serializes it as the UI stream's errorText;
 * the browser parses it back (`parseChatError`) and localizes `code`. Nothing here imports the
 * AI SDK, so the browser's first load does not carry it.
 */
const CHAT_ERROR_STATUS = {
  not_configured: 503,
  invalid_request: 400,
  context_too_long: 400,
  bad_key: 502,
  forbidden: 502,
  rate_limited: 429,
  model_not_found: 502,
  upstream_bad_request: 502,
  model_loading: 502,
  upstream_unavailable: 502,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  upstream_error: 502,
  // Refused by this app before any upstream call (request limits, access code, abuse limits).
  payload_too_large: 413,
  // server.ts, before the app reads a body (lib/server/http/body-guard.ts): it stopped arriving; it had no length.
  request_timeout: 408,
  length_required: 411,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  access_required: 401,
  cross_site_request: 403,
  access_misconfigured: 503,
  too_many_requests: 429,
  too_many_streams: 429,
  // The server is shutting down (SIGTERM): new chats are refused, long replies ended after a grace period.
  server_restarting: 503,
} as const satisfies Record<string, number>;

export type ChatErrorCode = keyof typeof CHAT_ERROR_STATUS;
export const CHAT_ERROR_CODES = Object.keys(CHAT_ERROR_STATUS) as ChatErrorCode[];

export interface ChatError {
  code: ChatErrorCode;
  /** Upstream HTTP status (or the status an error object mid-stream claims). */
  status?: number;
  /** Short upstream message, at most 300 characters, without secrets. */
  detail?: string;
  retryAfterSeconds?: number;
}

export function isChatErrorCode(value: unknown): value is ChatErrorCode {
  return typeof value === 'string' && Object.hasOwn(CHAT_ERROR_STATUS, value);
}

/** The HTTP status of a response that fails with `code` (one table: CHAT_ERROR_STATUS). */
export function httpStatusFor(code: ChatErrorCode): number {
  return CHAT_ERROR_STATUS[code];
}

/** Drops the fields that are undefined (the serialized form has no `"detail": undefined`). */
export function withOptional(e: ChatError): ChatError {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as ChatError;
}

/** The UI stream's errorText (and what an HTTP error body's `error` carries). */
export function serializeChatError(e: ChatError): string {
  return JSON.stringify(
    withOptional({
      code: e.code,
      status: e.status,
      detail: cleanDetail(e.detail),
      retryAfterSeconds: e.retryAfterSeconds,
    }),
  );
}

/** Client side: our serialized ChatError, or a JSON HTTP error body `{error:{code,…}}` / `{code,…}`. */
export function parseChatError(text: string | undefined | null): ChatError {
  const raw = (text ?? '').trim();
  try {
    const parsed: unknown = JSON.parse(raw.replace(/^data:\s*/, ''));
    const candidates = [parsed, (parsed as { error?: unknown } | null)?.error];
    for (const c of candidates) {
      if (typeof c !== 'object' || c === null) continue;
      const o = c as Record<string, unknown>;
      if (!isChatErrorCode(o.code)) continue;
      const retry = o.retryAfterSeconds;
      return withOptional({
        code: o.code,
        status: typeof o.status === 'number' ? o.status : undefined,
        detail: cleanDetail(o.detail) ?? cleanDetail(o.message),
        retryAfterSeconds: typeof retry === 'number' && Number.isFinite(retry) && retry >= 0 ? retry : undefined,
      });
    }
  } catch {
    // not JSON: fall through
  }
  return withOptional({ code: 'upstream_error', detail: cleanDetail(raw) });
}
