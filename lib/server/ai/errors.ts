// When the upstream fails: its error sorted into one of our codes (classifyUpstreamError), the
// secrets and addresses taken out of what the browser sees (redactChatError), and the one silent
// retry with its wait (withRetries).
import 'server-only';
import { APICallError, RetryError, StreamProviderError } from 'ai';
import {
  cleanDetail,
  infoFromObject,
  parseErrorBody,
  withOptional,
  type BodyInfo,
  type ChatError,
  type ChatErrorCode,
} from '@/lib/shared/ai/chat-error';
import { isUpstreamTimeoutError } from './upstream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Endpoint } from './upstream';

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

const REDACTED = '[redacted]';
/** Shorter values are too common to be worth hiding (and would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;
/** A cut-off detail may end in the first characters of a secret: hide a tail this long or longer. */
const MIN_TAIL_LENGTH = 4;
/** Encoded forms (base64, hex) of shorter values are too short to tell from ordinary text. */
const MIN_ENCODED_LENGTH = 8;
/** A credential this long is also hidden where only a piece of it appears (split in halves, thirds…). */
const MIN_FRAGMENT_SOURCE_LENGTH = 16;
/** …a piece of at least this many characters. */
const FRAGMENT_LENGTH = 8;

/**
 * What no error detail may show. `credentials`: keys and passwords, hidden in any case, in the
 * encoded forms an upstream or a library may print (base64 and base64url, also inside a longer
 * encoded text, percent-encoding, hex) and in pieces. `locations`: where the upstream is (its
 * base URL, origin, host), hidden as written, in any case, and percent-encoded.
 */
export interface SecretSet {
  credentials: string[];
  locations: string[];
}

/**
 * The endpoint's secrets: its API key and URL credentials, and where it is; and the server's
 * other configured secrets (`env`: either API key variable, the cookie secret, Redis's
 * password), which no upstream should know, hidden all the same.
 */
export function endpointSecrets(
  { apiKey, baseURL, basicAuth }: Endpoint,
  env: Record<string, string | undefined> = {},
): SecretSet {
  const credentials = [apiKey, env.NVIDIA_API_KEY, env.SWALLOW_API_KEY, env.ACCESS_COOKIE_SECRET];
  const locations = [baseURL];
  if (basicAuth) {
    const colon = basicAuth.indexOf(':');
    credentials.push(basicAuth, basicAuth.slice(0, colon), basicAuth.slice(colon + 1));
  }
  try {
    const url = new URL(baseURL);
    locations.push(url.origin, url.host, url.hostname);
    credentials.push(decodeURIComponent(url.username), decodeURIComponent(url.password));
  } catch {
    // Not a URL: the literal value is all there is to hide.
  }
  try {
    if (env.REDIS_URL) credentials.push(decodeURIComponent(new URL(env.REDIS_URL).password));
  } catch {
    // Not a URL: Redis would not connect with it either.
  }
  const unique = (values: (string | undefined)[]) =>
    [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
  return { credentials: unique(credentials), locations: unique(locations) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The base64 text that `value`'s bytes become wherever they sit inside a longer encoded text:
 * one form per alignment (the value's first byte at offset 0, 1 or 2 of a 3-byte group),
 * without the characters that also depend on the bytes around it.
 */
function base64Cores(bytes: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const end = (offset + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1;
    return encoded.slice([0, 2, 3][offset], end);
  });
}

/** Every form of a secret to hide wherever it appears (matched regardless of case). */
function forms(secret: string, credential: boolean): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = [
    secret,
    encodeURIComponent(secret),
    [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  ];
  if (credential && bytes.length >= MIN_ENCODED_LENGTH) {
    out.push(bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'));
    for (const core of base64Cores(bytes)) out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

interface Compiled {
  /** Every form of every secret, longest first. */
  forms: string[];
  pattern: RegExp | null;
  /** Credentials long enough to be found by a piece, lower-cased. */
  fragmentSources: string[];
}

const compiled = new WeakMap<SecretSet, Compiled>();

function compile(secrets: SecretSet): Compiled {
  let result = compiled.get(secrets);
  if (result) return result;
  const all = [
    ...secrets.credentials.flatMap((s) => forms(s, true)),
    ...secrets.locations.flatMap((s) => forms(s, false)),
  ];
  const unique = [...new Set(all.filter((f) => f.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  result = {
    forms: unique,
    pattern: unique.length ? new RegExp(unique.map(escapeRegExp).join('|'), 'gi') : null,
    fragmentSources: secrets.credentials
      .filter((s) => s.length >= MIN_FRAGMENT_SOURCE_LENGTH)
      .map((s) => s.toLowerCase()),
  };
  compiled.set(secrets, result);
  return result;
}

/**
 * `text` with each stretch of FRAGMENT_LENGTH or more characters that also stands, at the same
 * place, in a credential replaced (a key printed in halves, or with a piece missing).
 */
function withoutFragments(text: string, sources: readonly string[]): string {
  if (!sources.length || text.length < FRAGMENT_LENGTH) return text;
  const lower = text.toLowerCase();
  const hidden = new Uint8Array(text.length);
  for (const source of sources) {
    for (let at = 0; at + FRAGMENT_LENGTH <= source.length; at++) {
      const piece = source.slice(at, at + FRAGMENT_LENGTH);
      for (let found = lower.indexOf(piece); found >= 0; found = lower.indexOf(piece, found + 1)) {
        let start = found;
        let end = found + FRAGMENT_LENGTH;
        for (let s = at; start > 0 && s > 0 && lower[start - 1] === source[s - 1]; s--) start--;
        for (let s = at + FRAGMENT_LENGTH; end < lower.length && s < source.length && lower[end] === source[s]; s++)
          end++;
        hidden.fill(1, start, end);
      }
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!hidden[i]) out += text[i];
    else if (i === 0 || !hidden[i - 1]) out += REDACTED;
  }
  return out;
}

/**
 * `text` with every occurrence of the secrets in any of their forms and in any case, a piece of
 * a credential, and a secret's start cut off at the end of the text, replaced by `[redacted]`.
 */
export function redactSecrets(text: string, secrets: SecretSet): string {
  const { forms: all, pattern, fragmentSources } = compile(secrets);
  let out = pattern ? text.replace(pattern, REDACTED) : text;
  out = withoutFragments(out, fragmentSources);
  const ellipsis = out.endsWith('…');
  const body = ellipsis ? out.slice(0, -1) : out;
  const lowerBody = body.toLowerCase();
  for (const form of all) {
    const lowerForm = form.toLowerCase();
    for (let length = form.length - 1; length >= MIN_TAIL_LENGTH; length--) {
      if (lowerBody.endsWith(lowerForm.slice(0, length))) return `${body.slice(0, -length)}${REDACTED}…`;
    }
  }
  return out;
}

// Where any server is, configured or not (a redirect, a resolved address): never the browser's business.
const URL_PATTERN = /\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:!?)]/gi;
const IPV4_PATTERN = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
const IPV6_PATTERN =
  /\[[\da-f:.%]+\](?::\d{1,5})?|(?<![\w:.])(?=[\da-f:]*::)(?:[\da-f]{0,4}:){2,7}[\da-f]{0,4}(?![\w:])/gi;
/**
 * Host names without a scheme: any name under a suffix that only private networks use
 * (`vllm-prod-2.internal`, `backend-7.llm.svc.cluster.local`, `gpu.lan`, `nas.local`,
 * `localhost`), and any dotted name with a port (`llm.example.com:8000`), with its port.
 */
const LABEL = '[a-z\\d](?:[a-z\\d-]{0,61}[a-z\\d])?';
const PRIVATE_HOST_PATTERN = new RegExp(
  `(?<![\\w.-])(?:(?:${LABEL}\\.)+(?:internal|local|localdomain|lan|home\\.arpa|intranet|corp|private)|localhost)(?::\\d{1,5})?(?![\\w-])` +
    `|(?<![\\w.-])(?:${LABEL}\\.)+[a-z][a-z\\d-]*[a-z\\d]:\\d{1,5}(?![\\w-])`,
  'gi',
);
/** The target a Node network error names (`connect ECONNREFUSED vllm:8000`, `getaddrinfo ENOTFOUND gpu-2`). */
const NETWORK_ERROR_PATTERN =
  /\b((?:connect |getaddrinfo |read |write )?E(?:CONNREFUSED|CONNRESET|NOTFOUND|AI_AGAIN|TIMEDOUT|HOSTUNREACH|NETUNREACH|ADDRNOTAVAIL|PIPE))\s+(?!\[(?:host|url|redacted)\])[^\s,;)'"]+/g;
/**
 * Absolute file paths: POSIX ones under the usual top-level folders (`/home/…`, `/var/…`,
 * `/opt/…`, a model under `/models/…`) or a home folder (`~/…`), and Windows ones (`C:\…`,
 * `\\server\share`). Not API paths such as `/v1/chat/completions`.
 */
const PATH_PATTERN =
  /(?<![\w.\/-])(?:~(?=\/)|\/(?:home|root|var|opt|usr|etc|srv|tmp|mnt|media|data|app|apps|workspace|workspaces|models|proc|run|Users|Library|private|snap|nix|cache|scratch))(?:\/[^\s"'<>:;,()\[\]{}]*)?(?=$|[\s"'<>:;,()\[\]{}])|\b[a-z]:\\[^\s"'<>]*|\\\\[\w.$-]+\\[^\s"'<>]*/gi;

/** `text` without URLs, IP addresses, host names that look private or carry a port, and file paths. */
export function withoutAddresses(text: string): string {
  return text
    .replace(URL_PATTERN, '[url]')
    .replace(IPV4_PATTERN, '[host]')
    .replace(IPV6_PATTERN, '[host]')
    .replace(NETWORK_ERROR_PATTERN, '$1 [host]')
    .replace(PRIVATE_HOST_PATTERN, '[host]')
    .replace(PATH_PATTERN, '[path]');
}

/** The error with the configured secrets and any address or path taken out of its detail, as the browser may see it. */
export function redactChatError(error: ChatError, secrets: SecretSet): ChatError {
  return error.detail ? { ...error, detail: withoutAddresses(redactSecrets(error.detail, secrets)) } : error;
}

/**
 * The longest wait sat out before a silent retry. A longer one (an upstream 429 with
 * `Retry-After: 17`) would hold the user's spinner and then spend their quota on a retry that
 * likely fails too: the error goes to the browser at once instead, carrying the server's wait
 * (`retryAfterSeconds`), and the browser counts it down before offering to retry.
 */
export const MAX_SILENT_WAIT_MS = 2000;

/**
 * How long to wait before trying a failed model call again, or undefined when it must not be
 * retried silently: the server's `retry-after-ms` / `retry-after` when it gives one (a date in
 * the past counts as none), else the backoff delay. Either only up to `maxWaitMs`: the rule is
 * about how long the user waits, not who chose the wait (stream-chat's one retry backs off 2 s).
 */
export function retryDelayMs(
  error: unknown,
  backoffMs: number,
  now = Date.now(),
  maxWaitMs = MAX_SILENT_WAIT_MS,
): number | undefined {
  const serverMs = APICallError.isInstance(error) ? retryAfterMs(error.responseHeaders, now) : undefined;
  const ms = serverMs !== undefined && serverMs >= 0 ? serverMs : backoffMs;
  return ms <= maxWaitMs ? ms : undefined;
}

const isRetryable = (error: unknown): boolean => APICallError.isInstance(error) && error.isRetryable;

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** The first backoff delay; it doubles on each further retry (the SDK's defaults). */
  initialDelayMs?: number;
  /** A retry that would wait longer than this is not made: the error is thrown at once. */
  maxWaitMs?: number;
}

/**
 * Calls `call`, trying again on retryable errors (what the provider marks retryable: 429, 5xx,
 * connection failures) when the wait is short; throws the last error.
 */
export async function withRetries<T>(
  call: () => PromiseLike<T>,
  { maxRetries, signal, initialDelayMs = 2000, maxWaitMs = MAX_SILENT_WAIT_MS }: RetryOptions,
): Promise<T> {
  for (let attempt = 0, backoffMs = initialDelayMs; ; attempt++, backoffMs *= 2) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxRetries || !isRetryable(error) || signal?.aborted) throw error;
      const delayMs = retryDelayMs(error, backoffMs, Date.now(), maxWaitMs);
      if (delayMs === undefined) throw error;
      await sleep(delayMs, undefined, { signal });
    }
  }
}
