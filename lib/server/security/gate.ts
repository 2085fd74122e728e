// Who may use the app: the access code and its signed cookie, the client key rate limits count by,
// and the gate every request passes (gateRequest) and every chat is admitted by (admitChatRequest).
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { jsonError } from '@/lib/server/http/read-json';
import type { NextRequest } from 'next/server';
import { getLimits, resolveSecurityConfig, type SecurityConfig } from './limits';

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

/**
 * Who a request is from, for per-client limits: the right-most X-Forwarded-For entry. Our
 * server (server.ts) sets it to the socket address unless TRUST_PROXY=1 says a proxy in front
 * writes it (then the right-most entry is the one that proxy appended); Vercel's platform
 * overwrites it. An IPv6 client is keyed by its /64: one subscriber usually gets a whole /64,
 * and could otherwise take a new address per request. An IPv6 address that carries an IPv4 one
 * (IPv4-mapped `::ffff:a.b.c.d`, as a dual-stack socket reports IPv4 clients, and NAT64's
 * well-known prefix `64:ff9b::/96`, as a NAT64 gateway's IPv6-only clients reach an IPv4 host)
 * is keyed as that IPv4 client: otherwise every such client would share one /64 key.
 */

export function clientKey(headers: Headers): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = forwarded.at(-1) ?? headers.get('x-real-ip')?.trim() ?? '';
  switch (isIP(address)) {
    case 4:
      return address;
    case 6: {
      const groups = ipv6Groups(address);
      return embeddedIpv4(groups) ?? `${groups.slice(0, 4).map(hex).join(':')}::/64`;
    }
    default:
      return 'unknown';
  }
}

const hex = (group: number) => group.toString(16);

/**
 * The eight 16-bit groups of an IPv6 address (which isIP accepted), in any of its forms:
 * `::` shortening, an embedded dotted IPv4 tail, a zone (`%eth0`, ignored), any case.
 */
export function ipv6Groups(address: string): number[] {
  const [head, tail] = address.replace(/%.*$/, '').toLowerCase().split('::');
  const parse = (part: string | undefined) =>
    (part ? part.split(':') : []).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0xffff]; // ::ffff:0:0/96
const NAT64_PREFIX = [0x64, 0xff9b, 0, 0, 0, 0]; // 64:ff9b::/96 (RFC 6052)

/** The IPv4 client inside `::ffff:0:0/96` (mapped) or `64:ff9b::/96` (NAT64), else null. */
export function embeddedIpv4(groups: number[]): string | null {
  const has = (prefix: number[]) => prefix.every((group, i) => groups[i] === group);
  if (!has(MAPPED_PREFIX) && !has(NAT64_PREFIX)) return null;
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
}

/** The first four groups of an IPv6 address, expanded (`2001:db8::1` → `2001:db8:0:0`). */
export function ipv6Prefix64(address: string): string {
  return ipv6Groups(address).slice(0, 4).map(hex).join(':');
}

/** Paths that stay reachable without the access code: the unlock page and its endpoint. */
const OPEN_PATHS = /^\/(?:(?:ja|en)\/)?unlock\/?$|^\/api\/unlock\/?$/;

type GateConfig = Pick<SecurityConfig, 'accessCodes' | 'cookieSecret' | 'misconfigured'>;

const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/** Access settings that cannot be used safely: 503 everywhere, saying what to set (for the operator). */
function misconfigured(pathname: string, why: string): Response {
  if (isApi(pathname)) return jsonError('access_misconfigured', why);
  const page =
    'このサイトのアクセス設定が完了していません（管理者向け: ACCESS_COOKIE_SECRET を設定してください）。\n\n' +
    `This site's access settings are incomplete. ${why}\n`;
  return new Response(page, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

interface GateRequest {
  pathname: string;
  search: string;
  cookie: string | undefined;
  url: string;
}

/**
 * With ACCESS_CODE set: a page without a valid unlock cookie redirects to the unlock page
 * (which comes back here afterwards); an API call gets 401 access_required. Null = go on.
 */
export function accessGate(req: GateRequest, config: GateConfig): Response | null {
  if (config.misconfigured) return misconfigured(req.pathname, config.misconfigured);
  if (config.accessCodes.length === 0 || OPEN_PATHS.test(req.pathname)) return null;
  if (verifyAccessToken(req.cookie, config.accessCodes, config.cookieSecret)) return null;
  if (isApi(req.pathname)) {
    return jsonError('access_required', 'This deployment needs an access code: unlock it at /unlock first');
  }
  const locale = /^\/(ja|en)(?:\/|$)/.exec(req.pathname)?.[1];
  const target = new URL(locale ? `/${locale}/unlock` : '/unlock', req.url);
  target.searchParams.set('next', `${req.pathname}${req.search}`);
  return Response.redirect(target, 307);
}

/** The gate for a request as Next.js hands it to the proxy or a route handler. */
export function gateRequest(request: NextRequest, config: GateConfig = resolveSecurityConfig()): Response | null {
  const { pathname, search } = request.nextUrl;
  return accessGate({ pathname, search, url: request.url, cookie: request.cookies.get(ACCESS_COOKIE)?.value }, config);
}

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
