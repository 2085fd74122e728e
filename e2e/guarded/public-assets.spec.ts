import { expect, test } from '@playwright/test';
import { OG_IMAGE, PNG_ICONS } from '../../lib/meta/brand';

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
