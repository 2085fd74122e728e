import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { routing } from '@/lib/i18n/routing';
import { resolveSecurityConfig } from '@/lib/security/config';
import { ACCESS_COOKIE, accessGate } from '@/lib/security/gate';
import { createNonce, pageCsp } from '@/lib/security/headers';

const intl = createMiddleware(routing);

/**
 * Every request but static files: the access-code gate (pages and API), then for pages a
 * per-request CSP nonce (Next.js reads it from the request's CSP header and puts it on its
 * scripts) and next-intl's locale routing.
 */
export default function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const denied = accessGate(
    { pathname, search, url: request.url, cookie: request.cookies.get(ACCESS_COOKIE)?.value },
    resolveSecurityConfig(),
  );
  if (denied) return denied;
  if (pathname === '/api' || pathname.startsWith('/api/')) return NextResponse.next();

  const csp = pageCsp(createNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = intl(new NextRequest(request, { headers }));
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Everything except Next internals and files with an extension.
  matcher: ['/((?!_next|_vercel|.*\\..*).*)'],
};
