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

/**
 * Reading upstream error bodies: NVIDIA problem details, vLLM (flat and nested), Ollama,
 * llama.cpp, FastAPI/pydantic, HTML pages and plain text, all reduced to one shape.
 */

export const MAX_DETAIL = 300;

/** What an error body says, whatever server wrote it. */
export interface BodyInfo {
  message?: string;
  /** `type` of OpenAI-style errors (e.g. `not_found_error`), or a problem-details URN. */
  type?: string;
  /** OpenAI-style `code`: a string (`context_length_exceeded`) or an HTTP status (vLLM, llama.cpp). */
  code?: string | number;
  /** Problem-details `status`. */
  status?: number;
}

const SECRET_PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, '$1[redacted]'],
  [/\bbearer\s+[^\s"',;}]+/gi, 'Bearer [redacted]'],
  [/\b(?:nvapi|sk|sk-proj)-[A-Za-z0-9_-]{8,}/g, '[redacted]'],
  [/(\b(?:api[_-]?key|x-api-key|access[_-]?token)["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi, '$1[redacted]'],
];

/** A short, single-line, secret-free text of at most 300 characters (or undefined when empty). */
export function cleanDetail(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  let out = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  if (!out) return undefined;
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

const PY_ENTRY = /'loc':\s*[([]([^)\]]*)[)\]]\s*,\s*'msg':\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;

const lastLoc = (parts: unknown[]) => {
  const last = parts
    .map((p) =>
      String(p)
        .trim()
        .replace(/^['"]|['"]$/g, ''),
    )
    .filter(Boolean)
    .at(-1);
  return last ?? '';
};

/**
 * pydantic errors, as NVIDIA sends them (a Python repr string) or as FastAPI sends them
 * (a JSON list): `max_tokens: Input should be less than or equal to 4096`.
 */
export function summarizeValidationDetail(detail: unknown): string | undefined {
  if (Array.isArray(detail)) {
    const parts = detail
      .filter((d): d is { loc?: unknown; msg?: unknown } => typeof d === 'object' && d !== null && 'msg' in d)
      .map((d) => {
        const loc = Array.isArray(d.loc) ? lastLoc(d.loc) : '';
        return loc ? `${loc}: ${String(d.msg)}` : String(d.msg);
      });
    return parts.length ? parts.join('; ') : undefined;
  }
  if (typeof detail !== 'string') return undefined;
  const parts = [...detail.matchAll(PY_ENTRY)].map(([, loc, msg]) => {
    const field = lastLoc(loc.split(','));
    const text = msg.slice(1, -1).replace(/\\(['"\\])/g, '$1');
    return field ? `${field}: ${text}` : text;
  });
  return parts.length ? parts.join('; ') : detail;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const codeOf = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v.trim()) ? v : undefined);

/** Reads any error object: `{error:{…}}`, `{error:"…"}`, vLLM flat, problem details, FastAPI. */
export function infoFromObject(value: unknown): BodyInfo | undefined {
  if (typeof value === 'string') return { message: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const outer: BodyInfo = {
    type: str(v.type),
    code: codeOf(v.code),
    status: typeof v.status === 'number' ? v.status : undefined,
  };
  if (typeof v.error === 'object' && v.error !== null) {
    const inner = infoFromObject(v.error) ?? {};
    return { ...outer, ...stripUndefined(inner), message: inner.message ?? str(v.message) };
  }
  if (typeof v.error === 'string') return { ...outer, message: v.error };
  const message = str(v.message) ?? summarizeValidationDetail(v.detail) ?? str(v.title) ?? str(v.error_description);
  if (message === undefined && outer.type === undefined && outer.code === undefined && outer.status === undefined) {
    return undefined;
  }
  return { ...outer, message };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * How much of an HTML error page is read: proxies' error pages put their heading well within it,
 * and the tag patterns below cost time that grows faster than the page (seconds for a few hundred
 * KB of unclosed `<script>` tags).
 */
export const MAX_HTML_CHARS = 16 * 1024;

/** Text of an HTML error page: its title or headings, without markup, scripts or styles. */
export function htmlToText(page: string): string {
  const html = page.slice(0, MAX_HTML_CHARS);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const body = html.replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  const pick = (h1 ?? title ?? body).replace(/<[^>]+>/g, ' ');
  return pick
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

/** Parses a raw response body (possibly empty, `data:`-prefixed, HTML or plain text). */
export function parseErrorBody(body: string | undefined | null): BodyInfo {
  const text = (body ?? '')
    .trim()
    .replace(/^data:\s*/, '')
    .trim();
  if (!text) return {};
  try {
    return infoFromObject(JSON.parse(text)) ?? { message: text };
  } catch {
    return { message: /^<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text) ? htmlToText(text) : text };
  }
}
