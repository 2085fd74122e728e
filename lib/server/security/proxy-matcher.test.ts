import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config } from '../../../proxy';
import { ACCESS_COOKIE, createAccessToken, gateRequest } from './gate';
import { STATIC_FILES_CSP, STATIC_FILES_PATH, UNPROXIED_CSP, UNPROXIED_PATHS } from './headers';

const runsProxy = (url: string) => unstable_doesMiddlewareMatch({ config, url });
const APP = path.resolve(import.meta.dirname, '../../../app');
const PUBLIC = path.resolve(import.meta.dirname, '../../../public');
/** The bench's reference routes: mounted into app/ for the bench's build only (tools/bench-routes/mount.ts). */
const BENCH_APP = path.resolve(import.meta.dirname, '../../../tools/bench-routes/app');
/** A route's source file, by its path under app/ (where the bench's are mounted). */
const sourceOf = (route: string) =>
  existsSync(path.join(APP, route)) ? path.join(APP, route) : path.join(BENCH_APP, route);

/** Every file under `dir` (relative to app/, or to `root`) whose name matches `name`. */
function filesUnder(dir: string, name: RegExp, root = APP): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .map((file) => path.join(dir, file).split(path.sep).join('/'));
}

/** The URL path a route file answers (dynamic segments filled in). */
const urlOf = (routeFile: string) =>
  `/${path.posix.dirname(routeFile)}`.replace(/\[\.{0,3}([^\]]+)\]/g, 'x').replace(/\/\([^)]+\)/g, '');

describe('proxy matcher', () => {
  it('runs the proxy on pages and API routes but not on the chat stream, which gates itself', () => {
    const behind = ['/', '/ja', '/en/c/abc', '/ja/unlock', '/api/unlock', '/api/code-target', '/api/chatter'];
    for (const url of [...behind, '/api/healthz', '/api/health.json']) expect(runsProxy(url), url).toBe(true);
    for (const url of [
      '/api/chat',
      '/api/chat/',
      '/api/transcribe',
      '/api/health',
      '/_next/static/chunks/a.js',
      '/_next/image',
    ])
      expect(runsProxy(url), url).toBe(false);
  });

  it('runs the proxy (CSP, gate) on page paths with a dot', () => {
    for (const url of [
      '/ja/c/a.b',
      '/en/c/x.json',
      '/a.b',
      '/ja/share.html',
      '/favicon.ico.evil',
      '/x/og.png',
      '/x/robots.txt',
      '/.well-known/other.txt',
      '/pdfjs/x.bcmap',
      '/ja/pdfjs/cmaps/x.bcmap',
    ])
      expect(runsProxy(url), url).toBe(true);
  });

  it('skips it for exactly the public files app/ and public/ serve: icons, share card, manifest, robots, security.txt', () => {
    const served = [
      ...readdirSync(APP).filter((name) => name.includes('.') && !/\.(tsx?|css)$/.test(name)),
      ...(readdirSync(APP).includes('manifest.ts') ? ['manifest.webmanifest'] : []),
      ...(readdirSync(APP).includes('robots.ts') ? ['robots.txt'] : []),
      ...readdirSync(PUBLIC, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(PUBLIC, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
    ];
    expect(served).toEqual(
      expect.arrayContaining(['favicon.ico', 'og.png', 'icon.svg', 'manifest.webmanifest', 'robots.txt']),
    );
    expect(served).toContain('.well-known/security.txt');
    // pdf.js's CMaps and fonts, copied to public/pdfjs/ by the build (scripts/pdfjs-assets.ts).
    served.push('pdfjs/cmaps/90ms-RKSJ-H.bcmap', 'pdfjs/standard_fonts/FoxitSerif.pfb');
    for (const name of served) expect(runsProxy(`/${name}`), name).toBe(false);
  });
});

describe('the CSP of the paths the proxy skips (their HTML 404 pages)', () => {
  // next.config.ts `headers()` sources of the form `/prefix/:path*`.
  const covered = (url: string) =>
    UNPROXIED_PATHS.some((source) => new RegExp(`^${source.replace('/:path*', '')}(?:/.*)?$`).test(url));

  it('covers every non-API, non-public-file path the proxy skips, and none it runs on (one CSP each)', () => {
    const skipped = ['/_next', '/_next/nope', '/_next/static/x.html', '/_vercel/insights/x', '/pdfjs/cmaps/nope'];
    for (const url of [...skipped, '/pdfjs/standard_fonts/nope.html']) {
      expect(runsProxy(url), url).toBe(false);
      expect(covered(url), url).toBe(true);
    }
    for (const url of ['/ja', '/ja/unlock', '/pdfjs/x', '/_nextx', '/ja/_next/x', '/api/unlock'])
      expect(covered(url), url).toBe(false);
  });

  it('is the page CSP with scripts off', () => {
    expect(UNPROXIED_CSP).toContain("script-src 'none'");
    expect(UNPROXIED_CSP).toContain("frame-ancestors 'none'");
    expect(UNPROXIED_CSP).toContain("object-src 'none'");
    expect(UNPROXIED_CSP).not.toContain('nonce');
  });

  it("lets the build's own files (workers) import scripts from this site only", () => {
    expect(STATIC_FILES_PATH.startsWith('/_next/')).toBe(true);
    expect(STATIC_FILES_CSP).toContain("script-src 'self';");
    expect(STATIC_FILES_CSP).not.toContain('unsafe-eval');
    expect(STATIC_FILES_CSP).toContain("frame-ancestors 'none'");
  });
});

/**
 * The API routes that answer without the access code, each with the reason. An open route must
 * say nothing about the deployment: its answers without a cookie are only `{"status": …}`.
 */
const OPEN_ROUTES: Record<string, string> = {
  'api/health/route.ts': 'liveness/readiness probes of load balancers and orchestrators carry no cookie',
};

type Handler = (req: NextRequest) => Promise<Response> | Response;

describe('every API route is behind the proxy, gates itself, or is open on purpose', () => {
  // route.bench.ts: the bench's reference routes, routes only in the bench's build (next.config.ts).
  const routes = [...filesUnder('api', /^route\.tsx?$/), ...filesUnder('api', /^route\.bench\.ts$/, BENCH_APP)];
  const secret = 'a-test-cookie-secret-of-32-characters-or-more';
  afterEach(() => vi.unstubAllEnvs());

  const handlersOf = async (route: string) => {
    vi.stubEnv('ACCESS_CODE', 'open-sesame');
    vi.stubEnv('ACCESS_COOKIE_SECRET', secret);
    const handlers = (await import(sourceOf(route))) as Record<string, unknown>;
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => typeof handlers[m] === 'function');
    expect(methods.length, `${route} exports no handler`).toBeGreaterThan(0);
    return methods.map((method) => [method, handlers[method] as Handler] as const);
  };

  it('finds the API routes, and every open one exists', () => {
    expect(routes).toEqual(expect.arrayContaining(['api/chat/route.ts', 'api/unlock/route.ts']));
    expect(routes).toEqual(expect.arrayContaining(Object.keys(OPEN_ROUTES)));
  });

  it.each(routes.filter((route) => !Object.hasOwn(OPEN_ROUTES, route)))('%s', async (route) => {
    const url = urlOf(route);
    if (runsProxy(url)) return; // proxy.ts runs the gate first
    for (const [method, handler] of await handlersOf(route)) {
      const response = await handler(new NextRequest(`http://app.test${url}`, { method }));
      expect(response.status, `${method} ${url} without the unlock cookie`).toBe(401);
    }
    expect(readFileSync(sourceOf(route), 'utf8')).toContain('gateRequest(');
  });

  it.each(Object.entries(OPEN_ROUTES))('%s is open (%s) and tells nothing but a status', async (route) => {
    const url = urlOf(route);
    expect(runsProxy(url), `${url} skips the proxy's gate`).toBe(false);
    for (const [method, handler] of await handlersOf(route)) {
      const response = await handler(new NextRequest(`http://app.test${url}`, { method }));
      expect(response.status, `${method} ${url} without the unlock cookie`).toBe(200);
      expect(Object.keys((await response.json()) as object)).toEqual(['status']);
    }
  });
});

describe('gateRequest', () => {
  const config = { accessCodes: ['open-sesame'], cookieSecret: 's' };
  const request = (cookie?: string) =>
    new NextRequest('http://app.test/api/chat', {
      method: 'POST',
      headers: cookie ? { cookie: `${ACCESS_COOKIE}=${cookie}` } : {},
    });

  it('answers the chat stream with 401 without the unlock cookie and lets it through with one', () => {
    expect(gateRequest(request(), config)?.status).toBe(401);
    expect(gateRequest(request(createAccessToken('open-sesame', 's')), config)).toBeNull();
  });
});
