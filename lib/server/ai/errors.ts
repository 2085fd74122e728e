import 'server-only';
import { APICallError, RetryError, StreamProviderError } from 'ai';
import { cleanDetail, infoFromObject, parseErrorBody, type BodyInfo } from '../../shared/ai/chat-error';
import { isUpstreamTimeoutError } from './stall-timeout';
import { withOptional, type ChatError, type ChatErrorCode } from '../../shared/ai/chat-error';

/**
 * Server side: turns a failed upstream call into one of the typed error codes. The codes and
 * their serialization live in chat-error.ts (client-safe) and are re-exported here.
 */
export * from '../../shared/ai/chat-error';

const CONTEXT_TOO_LONG =
  /context[ _-]?length|context size|context window|exceed_context_size|maximum context|too many tokens|prompt is too long|max_model_len/i;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);
const NETWORK_MESSAGES =
  /fetch failed|failed to fetch|socket hang up|other side closed|^terminated$|cannot connect to api|bad port/i;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Milliseconds the server asks us to wait, from `retry-after-ms` / `retry-after` (delta seconds
 * or an HTTP date; a date in the past gives a negative value).
 */
export function retryAfterMs(
  headers: Record<string, string | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) =>
    Object.entries(headers)
      .find(([k]) => k.toLowerCase() === name)?.[1]
      ?.trim();
  const ms = Number.parseFloat(get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - now;
}

/** Whole seconds from `retry-after-ms` / `retry-after`, as the error message shows them. */
export function retryAfterFrom(headers: Record<string, string | undefined> | undefined, now = Date.now()) {
  const ms = retryAfterMs(headers, now);
  return ms === undefined ? undefined : Math.max(0, Math.ceil(ms / 1000));
}

const numericStatus = (v: unknown) =>
  typeof v === 'number' && v >= 100 && v < 600
    ? v
    : typeof v === 'string' && /^[1-5]\d\d$/.test(v)
      ? Number(v)
      : undefined;

/** Maps an HTTP status plus what the body says (type, code, message) to a code. */
function classifyBody(status: number | undefined, info: BodyInfo): ChatErrorCode {
  const st = status && status >= 400 ? status : (numericStatus(info.code) ?? numericStatus(info.status));
  const kind = `${info.type ?? ''} ${typeof info.code === 'string' ? info.code : ''}`;
  const text = `${kind} ${info.message ?? ''}`;
  if (CONTEXT_TOO_LONG.test(text) && (st === undefined || [400, 413, 422].includes(st))) return 'context_too_long';
  if (st === 401 || /authentication|invalid_api_key|unauthori[sz]ed/i.test(kind)) return 'bad_key';
  if (st === 403 || /permission|forbidden/i.test(kind)) return 'forbidden';
  if (st === 404 || /not[_-]?found/i.test(kind)) return 'model_not_found';
  if (st === 429 || /rate[_-]?limit|too[_-]many[_-]requests/i.test(kind)) return 'rate_limited';
  if (st === 408 || st === 504) return 'upstream_timeout';
  if ((st === 503 || st === undefined) && (/unavailable_error/i.test(kind) || /loading model/i.test(text))) {
    return 'model_loading';
  }
  if (st !== undefined && st >= 500) return 'upstream_unavailable';
  if (st !== undefined && st >= 400) return 'upstream_bad_request';
  if (/invalid_request|bad[_-]?request/i.test(kind)) return 'upstream_bad_request';
  return 'upstream_error';
}

function fromApiCallError(e: APICallError, status: number): ChatError {
  const info = parseErrorBody(e.responseBody);
  // The SDK puts `{error:{message}}` into `message`; otherwise `message` is the status text.
  const detail = cleanDetail(info.message) ?? cleanDetail(e.message);
  const retryAfterSeconds = retryAfterFrom(e.responseHeaders);
  return withOptional({ code: classifyBody(status, info), status, detail, retryAfterSeconds });
}

function fromErrorObject(info: BodyInfo, status?: number): ChatError {
  const code = classifyBody(status, info);
  const st = status ?? numericStatus(info.code) ?? numericStatus(info.status);
  return withOptional({ code, status: st, detail: cleanDetail(info.message) });
}

/** The error, its `cause`s, RetryError's last error and AggregateError's errors, outermost first. */
function chainOf(error: unknown): unknown[] {
  const out: unknown[] = [];
  const queue = [error];
  while (queue.length && out.length < 16) {
    const e = queue.shift();
    if (e == null || out.includes(e)) continue;
    out.push(e);
    if (RetryError.isInstance(e)) queue.push(e.lastError);
    if (typeof e === 'object') {
      const { cause, errors } = e as { cause?: unknown; errors?: unknown };
      if (cause !== undefined) queue.push(cause);
      if (Array.isArray(errors)) queue.push(...errors);
    }
  }
  return out;
}

const nameOf = (e: unknown) =>
  e instanceof Error || (typeof e === 'object' && e !== null) ? (e as Error).name : undefined;
const codeOfError = (e: unknown) =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : typeof e === 'string' ? e : undefined);

/** Server side: any failure of an upstream call (thrown, or a stream error part) → a ChatError. */
export function classifyUpstreamError(error: unknown): ChatError {
  const chain = chainOf(error);

  // 1. An HTTP error response (status 200 means the failure happened while reading the stream).
  for (const e of chain) {
    if (APICallError.isInstance(e) && e.statusCode !== undefined && e.statusCode >= 400) {
      return fromApiCallError(e, e.statusCode);
    }
  }

  // 2. Timeouts, then network failures anywhere in the chain.
  const deepest = chain.filter((e) => e instanceof Error).at(-1);
  const stall = chain.find(isUpstreamTimeoutError);
  if (stall) return { code: 'upstream_timeout', detail: stall.message };
  if (chain.some((e) => nameOf(e) === 'TimeoutError' || TIMEOUT_CODES.has(codeOfError(e) ?? ''))) {
    return withOptional({ code: 'upstream_timeout', detail: cleanDetail(messageOf(deepest)) });
  }
  const network = chain.find(
    (e) => NETWORK_CODES.has(codeOfError(e) ?? '') || (e instanceof Error && NETWORK_MESSAGES.test(e.message)),
  );
  if (network) {
    const causeWithCode = chain.find((e) => NETWORK_CODES.has(codeOfError(e) ?? ''));
    return withOptional({ code: 'upstream_unreachable', detail: cleanDetail(messageOf(causeWithCode ?? deepest)) });
  }

  // 3. An error object sent mid-stream: the parsed `{message,type,code}` / `{error:{…}}` (as the
  //    provider's stream gives it, or as `data` of the StreamProviderError streamText wraps it
  //    in), or a TypeValidationError whose `value` is such an object (vLLM's flat shape fails
  //    the schema).
  for (const e of chain) {
    const payload = StreamProviderError.isInstance(e) || !(e instanceof Error);
    const candidate = StreamProviderError.isInstance(e)
      ? e.data
      : e instanceof Error
        ? (e as { value?: unknown }).value
        : e;
    if (typeof candidate !== 'object' || candidate === null) continue;
    const obj = candidate as Record<string, unknown>;
    if ('error' in obj || obj.object === 'error' || (payload && 'message' in obj)) {
      const info = infoFromObject(obj);
      if (info) return fromErrorObject(info);
    }
  }

  // 4. Anything else.
  const top = chain.find((e) => !RetryError.isInstance(e)) ?? error;
  const message = messageOf(top) ?? (typeof top === 'object' ? safeJson(top) : String(top));
  return withOptional({ code: 'upstream_error', detail: cleanDetail(message) });
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
