import 'server-only';
import { ACCESS_COOKIE, verifyAccessToken } from './access';
import { jsonError } from '@/lib/server/http/read-json';
import { resolveSecurityConfig, type SecurityConfig } from './config';
import type { NextRequest } from 'next/server';
import { clientKey } from './client-key';
import { getLimits } from './limits';

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

export { ACCESS_COOKIE };

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
