import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config } from '../../proxy';
import { ACCESS_COOKIE, createAccessToken } from './access';
import { gateRequest } from './gate';

const runsProxy = (url: string) => unstable_doesMiddlewareMatch({ config, url });
const APP = path.resolve(import.meta.dirname, '../../app');

/** Every file under `dir` (relative to app/) whose name matches `name`. */
function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(path.join(APP, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .map((file) => path.join(dir, file).split(path.sep).join('/'));
}

/** The URL path a route file answers (dynamic segments filled in). */
const urlOf = (routeFile: string) =>
  `/${path.posix.dirname(routeFile)}`.replace(/\[\.{0,3}([^\]]+)\]/g, 'x').replace(/\/\([^)]+\)/g, '');

describe('proxy matcher', () => {
  it('runs the proxy on pages and API routes but not on the chat stream, which gates itself', () => {
    for (const url of ['/', '/ja', '/en/c/abc', '/ja/unlock', '/api/unlock', '/api/code-target', '/api/chatter'])
      expect(runsProxy(url), url).toBe(true);
    for (const url of ['/api/chat', '/api/chat/', '/_next/static/chunks/a.js', '/_next/image'])
      expect(runsProxy(url), url).toBe(false);
  });

  it('runs the proxy (CSP, gate) on page paths with a dot', () => {
    for (const url of ['/ja/c/a.b', '/en/c/x.json', '/a.b', '/ja/share.html', '/favicon.ico.evil', '/x/og.png'])
      expect(runsProxy(url), url).toBe(true);
  });

  it('skips it for exactly the public files app/ serves: icons, the share card, the manifest', () => {
    const served = [
      ...readdirSync(APP).filter((name) => name.includes('.') && !/\.(tsx?|css)$/.test(name)),
      ...(readdirSync(APP).includes('manifest.ts') ? ['manifest.webmanifest'] : []),
    ];
    expect(served).toEqual(expect.arrayContaining(['favicon.ico', 'og.png', 'icon.svg', 'manifest.webmanifest']));
    for (const name of served) expect(runsProxy(`/${name}`), name).toBe(false);
  });
});

describe('every API route is behind the proxy or gates itself', () => {
  const routes = filesUnder('api', /^route\.tsx?$/);
  const secret = 'a-test-cookie-secret-of-32-characters-or-more';
  afterEach(() => vi.unstubAllEnvs());

  it('finds the API routes', () => {
    expect(routes).toEqual(expect.arrayContaining(['api/chat/route.ts', 'api/unlock/route.ts']));
  });

  it.each(routes)('%s', async (route) => {
    const url = urlOf(route);
    if (runsProxy(url)) return; // proxy.ts runs the gate first
    vi.stubEnv('ACCESS_CODE', 'open-sesame');
    vi.stubEnv('ACCESS_COOKIE_SECRET', secret);
    const handlers = (await import(`../../app/${route}`)) as Record<string, unknown>;
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => typeof handlers[m] === 'function');
    expect(methods.length, `${route} exports no handler`).toBeGreaterThan(0);
    for (const method of methods) {
      const handler = handlers[method] as (req: NextRequest) => Promise<Response> | Response;
      const response = await handler(new NextRequest(`http://app.test${url}`, { method }));
      expect(response.status, `${method} ${url} without the unlock cookie`).toBe(401);
    }
    expect(readFileSync(path.join(APP, route), 'utf8')).toContain('gateRequest(');
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
