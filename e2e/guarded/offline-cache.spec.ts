import { expect, test } from '@playwright/test';
import { ASSET_CACHE, OFFLINE_SHELL_HEADER } from '../../lib/shared/offline/offline-cache';
import { unlock, uniqueIp } from './helpers';

// A private deployment: the service worker is public (it loads before the unlock), keeps the
// build's files, and never keeps a page behind the access code, not even for the visitor who
// unlocked it (docs/security.md).
test('behind the access code the worker keeps the build files but no page', async ({ browser, baseURL }) => {
  const ip = uniqueIp();
  const context = await browser.newContext({
    baseURL,
    locale: 'ja',
    serviceWorkers: 'allow',
    extraHTTPHeaders: { 'x-forwarded-for': ip },
  });
  const sw = await context.request.get('/sw.js');
  expect(sw.status(), 'the worker without the cookie').toBe(200);
  expect(sw.headers()['content-security-policy']).toContain("script-src 'self'");
  await unlock(context.request, ip);

  const page = await context.newPage();
  const first = await page.goto('/ja');
  expect(first?.headers()[OFFLINE_SHELL_HEADER]).toBeUndefined();
  // The worker has run (the page's files are kept), then a page load through it.
  await expect
    .poll(() => page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, ASSET_CACHE), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId('composer')).toBeEditable();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.filter((path) => !path.startsWith('/_next/static/'))).toEqual([]);
  await context.close();
});
