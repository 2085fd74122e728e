import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The optional access code: comparison in constant time, and a signed, expiring cookie
 * that proves the browser entered a code. The cookie names the code it was made from (by
 * a keyed tag, never the code itself), so removing a code from ACCESS_CODE revokes it.
 */
export const ACCESS_COOKIE = 'swallow_access';
export const ACCESS_COOKIE_MAX_AGE = 30 * 24 * 60 * 60;

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8').digest();

/** Equal-length digests compared with timingSafeEqual: no early exit, whatever the input. */
function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Which configured code `input` is (compared against all of them, in constant time), or null. */
export function matchAccessCode(input: string, codes: readonly string[], secret: string): string | null {
  const given = hmac(secret, `code:${input.trim()}`);
  let match: string | null = null;
  for (const code of codes) {
    if (sameDigest(given, hmac(secret, `code:${code}`)) && match === null) match = code;
  }
  return match;
}

const tagOf = (code: string, secret: string) => hmac(secret, `tag:${code}`).subarray(0, 12).toString('base64url');
const signatureOf = (payload: string, secret: string) => hmac(secret, `cookie:${payload}`).toString('base64url');

/** `v1.<expires>.<tag>.<signature>` */
export function createAccessToken(code: string, secret: string, now = Date.now()): string {
  const payload = `v1.${Math.floor(now / 1000) + ACCESS_COOKIE_MAX_AGE}.${tagOf(code, secret)}`;
  return `${payload}.${signatureOf(payload, secret)}`;
}

export function verifyAccessToken(
  token: string | undefined,
  codes: readonly string[],
  secret: string,
  now = Date.now(),
): boolean {
  if (!token || codes.length === 0) return false;
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return false;
  const [version, expires, tag, signature] = parts;
  const payload = `${version}.${expires}.${tag}`;
  if (!sameDigest(Buffer.from(signature), Buffer.from(signatureOf(payload, secret)))) return false;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 <= now) return false;
  return codes.some((code) => sameDigest(Buffer.from(tag), Buffer.from(tagOf(code, secret))));
}

const SAME_SITE = 'https://same-site.invalid';
// Browsers drop tabs and newlines from URLs (`/\t/evil.example` becomes `//evil.example`), and
// CR/LF would split the Location header: any control character refuses the value.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Where to send the browser after unlocking: only a path on this site, as the browser will read
 * it, else `fallback`. The value is normalised the way the redirect will be (parsed against this
 * origin: dot segments resolved, percent-encoding applied), and it is that normalised value which
 * must still be a path here: `/.//evil.example` normalises to `//evil.example`, which a browser
 * reads as another host, so it is refused. What is returned is checked to resolve to itself.
 */
export function safeNextPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || CONTROL_CHARACTER.test(value)) return fallback;
  if (value.startsWith('//') || value.includes('\\')) return fallback;
  const normalised = sameSitePath(value);
  // The returned path, read again (by the browser, or by this function on the form's next post),
  // must stay this same path on this same origin.
  return normalised !== null && sameSitePath(normalised) === normalised ? normalised : fallback;
}

/** `value` resolved against this origin, as path + query + fragment, or null if it leaves it. */
function sameSitePath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, SAME_SITE);
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path starting `//` or `/\` is read by a browser as a host of its own (scheme-relative).
  if (url.origin !== SAME_SITE || !path.startsWith('/') || /^\/[/\\]/.test(path)) return null;
  return path;
}
