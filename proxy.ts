import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { routing } from '@/lib/shared/i18n/routing';
import { gateRequest } from '@/lib/server/security/gate';
import { createNonce, pageCsp } from '@/lib/server/security/headers';
import { resolveSecurityConfig } from '@/lib/server/security/limits';
import { chatPageLocale, OFFLINE_SHELL_HEADER } from '@/lib/shared/offline/offline-cache';

const intl = createMiddleware(routing);

/**
 * Every request but static files and /api/chat: the access-code gate (pages and API), then
 * for pages a per-request CSP nonce (Next.js reads it from the request's CSP header and puts
 * it on its scripts) and next-intl's locale routing.
 */
export default function proxy(request: NextRequest): Response {
  const denied = gateRequest(request);
  if (denied) return denied;
  const { pathname } = request.nextUrl;
  if (pathname === '/api' || pathname.startsWith('/api/')) return NextResponse.next();

  const csp = pageCsp(createNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = intl(new NextRequest(request, { headers }));
  response.headers.set('content-security-policy', csp);
  // The service worker may keep a chat page for offline use only where no access code guards it
  // (lib/shared/offline/offline-cache.ts): a private deployment's pages are never kept.
  if (chatPageLocale(pathname) && resolveSecurityConfig().accessCodes.length === 0) {
    response.headers.set(OFFLINE_SHELL_HEADER, '1');
  }
  return response;
}

export const config = {
  // Everything except Next internals, /api/chat and /api/transcribe, which check the gate themselves (passing through
  // the proxy added CPU and latency to every reply: bench `latency`), /api/health, open on purpose for
  // load balancers' probes (it says only ok or unavailable), and the public files app/ and public/
  // serve (icons, share card, manifest, robots.txt, .well-known/security.txt, the service worker) by name, and pdf.js's
  // CMaps and fonts under /pdfjs/ (public/pdfjs/, copied at build time): any other path with a dot is
  // a page or a 404 page, and gets the CSP and the gate. lib/server/security/proxy-matcher.test.ts
  // keeps this list, app/ and public/ in step. The 404 pages of the skipped prefixes get the page
  // CSP, scripts off, from next.config.ts (UNPROXIED_PATHS in lib/server/security/headers.ts).
  matcher: [
    '/((?!_next(?:/|$)|_vercel(?:/|$)|api/chat(?:/|$)|api/transcribe(?:/|$)|api/health(?:/|$)|(?:favicon\\.ico|icon\\.svg|apple-touch-icon\\.png|icon-192\\.png|icon-512\\.png|icon-maskable-512\\.png|og\\.png|manifest\\.webmanifest|robots\\.txt|sw\\.js|\\.well-known/security\\.txt)$|pdfjs/(?:cmaps|standard_fonts)/).*)',
  ],
};
