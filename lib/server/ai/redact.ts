import 'server-only';
import type { ChatError } from '../../shared/ai/chat-error';
import type { Endpoint } from './endpoint';

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
