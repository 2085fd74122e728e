/**
 * Security headers. Every response gets the static set (next.config.ts); HTML pages also
 * get a Content-Security-Policy with a fresh nonce per request (proxy.ts), which Next.js
 * puts on its own inline and chunk scripts. No 'unsafe-eval' outside development (React
 * uses eval there for error stacks); no 'unsafe-inline' for scripts.
 */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // The microphone for this site's own pages only (voice input); no other feature at all.
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), hid=(), browsing-topics=()',
  },
];

/** For API responses (JSON and event streams): nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page CSP. With `nonce` null no script runs (`script-src 'none'`); with `'files'` only the
 * site's own script files do (`script-src 'self'`: a worker importing its chunks).
 */
export function pageCsp(nonce: string | null | 'files', dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    nonce === null
      ? "script-src 'none'"
      : nonce === 'files'
        ? "script-src 'self'"
        : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Tailwind may set style attributes; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Paths the proxy does not run on (proxy.ts's matcher: Next.js's own files, Vercel's, pdf.js's
 * data), as next.config.ts `headers()` sources. Whatever answers there is a file, or an HTML 404
 * page, and that page gets no nonce from the proxy: it carries the page CSP with scripts off (it
 * reads fine without them; nothing there needs to run). On a font or image the header does
 * nothing; on a worker's script it is the worker's CSP (see STATIC_FILES_CSP).
 */
export const UNPROXIED_PATHS = [
  '/_next/:path*',
  '/_vercel/:path*',
  '/pdfjs/cmaps/:path*',
  '/pdfjs/standard_fonts/:path*',
];
export const UNPROXIED_CSP = pageCsp(null, false);

/**
 * The build's own files (`/_next/static/`), a more specific rule after UNPROXIED_PATHS (the last
 * matching header wins). A dedicated worker is governed by the CSP of its script's response, not
 * by the page's: the token counter's and the attachment reader's workers are files here, and
 * import their chunks from here, which `script-src 'none'` forbade (no count, no PDF text).
 * Scripts from the site's own files only; an HTML 404 here still runs nothing injected.
 */
export const STATIC_FILES_PATH = '/_next/static/:path*';
export const STATIC_FILES_CSP = pageCsp('files', false);
