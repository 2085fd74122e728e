import { expect, test } from '@playwright/test';
import { OG_IMAGE, PNG_ICONS } from '../../lib/shared/meta/brand';

// A private deployment still lets link previews and home screens fetch its (generic) images;
// the pages themselves stay behind the access code.
test('icons, favicon and the share image are served without the access code', async ({ request }) => {
  for (const path of [
    OG_IMAGE.path,
    PNG_ICONS.appleTouch.path,
    PNG_ICONS.icon192.path,
    '/favicon.ico',
    '/icon.svg',
    '/manifest.webmanifest',
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
  }
  const page = await request.get('/en', { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain('/en/unlock');
});

// Probes carry no cookie. This app is configured and its Redis is up: live and ready.
test('GET /api/health answers without the access code: ok, and ready with Redis up', async ({ request }) => {
  for (const path of ['/api/health', '/api/health?ready=1']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(await response.json(), path).toEqual({ status: 'ok' });
  }
});

// A crawler must be able to read that a private deployment is not to be indexed.
test('robots.txt keeps crawlers out of a private deployment; security.txt is served without the code', async ({
  request,
}) => {
  const robots = await request.get('/robots.txt', { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^Disallow: \/$/m);
  const security = await request.get('/.well-known/security.txt', { maxRedirects: 0 });
  expect(security.status()).toBe(200);
  expect(await security.text()).toMatch(/^Contact: /m);
});
