import { cleanDetail } from './error-body';

/**
 * The typed, localizable error codes of a failed chat turn. The server classifies an upstream
 * failure (`classifyUpstreamError` in errors.ts) and serializes it as the UI stream's errorText;
 * the browser parses it back (`parseChatError`) and localizes `code`. Nothing here imports the
 * AI SDK, so the browser's first load does not carry it.
 */
export const CHAT_ERROR_CODES = [
  'not_configured',
  'invalid_request',
  'context_too_long',
  'bad_key',
  'forbidden',
  'rate_limited',
  'model_not_found',
  'upstream_bad_request',
  'model_loading',
  'upstream_unavailable',
  'upstream_unreachable',
  'upstream_timeout',
  'upstream_error',
  // Refused by this app before any upstream call (request limits, access code, abuse limits).
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'access_required',
  'too_many_requests',
  'too_many_streams',
] as const;
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

export interface ChatError {
  code: ChatErrorCode;
  /** Upstream HTTP status (or the status an error object mid-stream claims). */
  status?: number;
  /** Short upstream message, at most 300 characters, without secrets. */
  detail?: string;
  retryAfterSeconds?: number;
}

export function isChatErrorCode(value: unknown): value is ChatErrorCode {
  return typeof value === 'string' && (CHAT_ERROR_CODES as readonly string[]).includes(value);
}

/** The status our route answers with when it fails before streaming. */
export function httpStatusFor(code: ChatErrorCode): number {
  switch (code) {
    case 'not_configured':
      return 503;
    case 'invalid_request':
    case 'context_too_long':
      return 400;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'method_not_allowed':
      return 405;
    case 'access_required':
      return 401;
    case 'rate_limited':
    case 'too_many_requests':
    case 'too_many_streams':
      return 429;
    case 'upstream_timeout':
      return 504;
    default:
      return 502;
  }
}

/** Drops the fields that are undefined (the serialized form has no `"detail": undefined`). */
export function withOptional(e: ChatError): ChatError {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as ChatError;
}

/** The UI stream's errorText (and what an HTTP error body's `error` carries). */
export function serializeChatError(e: ChatError): string {
  return JSON.stringify(
    withOptional({ code: e.code, status: e.status, detail: cleanDetail(e.detail), retryAfterSeconds: e.retryAfterSeconds }),
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
