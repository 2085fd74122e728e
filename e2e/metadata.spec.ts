import { expect, test, type APIRequestContext } from '@playwright/test';
import { OG_IMAGE, PNG_ICONS } from '../lib/shared/meta/brand';
import { isPng, pngSize } from '../tools/brand/ico';
import { readIcoDirectory } from './support/ico-reader';
import { encodeShare } from '../lib/shared/share/codec';
import { LOCALES, MESSAGES } from './support';

/** Fetches an image the way a crawler or browser would: no locale redirect, the right type and size. */
async function expectPng(request: APIRequestContext, url: string, width: number, height: number) {
  const response = await request.get(url, { maxRedirects: 0 });
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  const body = new Uint8Array(await response.body());
  expect(isPng(body)).toBe(true);
  expect(pngSize(body)).toEqual({ width, height });
}

test('the web app manifest names the app and its icons, and every icon is served', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: 'Swallow Chat',
    start_url: '/',
    display: 'standalone',
    description: MESSAGES.ja.meta.description,
  });
  const icon = await request.get(manifest.icons[0].src);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');

  const pngs = manifest.icons.filter((i: { type: string }) => i.type === 'image/png');
  expect(pngs).toEqual([
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ]);
  for (const { src, sizes } of pngs) {
    const [w, h] = sizes.split('x').map(Number);
    await expectPng(request, src, w, h);
  }
});

test('favicon.ico holds 16, 32 and 48 px PNG images', async ({ request }) => {
  const response = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/x-icon');
  const ico = new Uint8Array(await response.body());
  const entries = readIcoDirectory(ico);
  expect(entries.map((e) => e.size)).toEqual([16, 32, 48]);
  for (const { size, offset, length } of entries) {
    const png = ico.slice(offset, offset + length);
    expect(pngSize(png)).toEqual({ width: size, height: size });
  }
});

test('the Open Graph image and apple-touch icon are served to anyone, not redirected to a locale', async ({
  request,
}) => {
  await expectPng(request, OG_IMAGE.path, OG_IMAGE.width, OG_IMAGE.height);
  await expectPng(request, PNG_ICONS.appleTouch.path, 180, 180);
});

for (const locale of LOCALES) {
  test.describe(`metadata (${locale})`, () => {
    test.use({ locale });

    test('pages link the manifest and icons and carry a title, description and share card in their language', async ({
      page,
      request,
    }) => {
      await page.goto(`/${locale}`);
      await expect(page).toHaveTitle(MESSAGES[locale].meta.title);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute(
        'content',
        MESSAGES[locale].meta.description,
      );
      await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
      await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute('href', /^\/icon\.svg/);
      await expect(page.locator('link[rel="icon"][sizes="32x32"]')).toHaveAttribute('href', '/favicon.ico');
      await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', PNG_ICONS.appleTouch.path);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', MESSAGES[locale].meta.title);
      await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute(
        'content',
        locale === 'ja' ? 'ja_JP' : 'en_US',
      );

      // Crawlers need an absolute URL on this host; it must answer with the image itself.
      const origin = new URL(page.url()).origin;
      const ogImage = await page.locator('meta[property="og:image"]').getAttribute('content');
      expect(ogImage).toBe(`${origin}${OG_IMAGE.path}`);
      await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', String(OG_IMAGE.width));
      await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute(
        'content',
        String(OG_IMAGE.height),
      );
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
      await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', ogImage!);
      await expectPng(request, ogImage!, OG_IMAGE.width, OG_IMAGE.height);

      await page.goto(`/${locale}/model`);
      await expect(page).toHaveTitle(MESSAGES[locale].model.meta.title);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
        'content',
        MESSAGES[locale].model.meta.title,
      );
      await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', ogImage!);
    });

    test('a share link keeps its own title and description on the default card', async ({ request, baseURL }) => {
      const p = await encodeShare({
        v: 1,
        name: 'Haiku helper',
        systemPrompt: 'Answer in haiku.',
        params: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
      });
      const html = await (await request.get(`/${locale}/share?p=${p}`)).text();
      expect(html).toContain('<meta property="og:title" content="Haiku helper | Swallow Chat"/>');
      expect(html).toMatch(/<meta property="og:description" content="[^"]*Answer in haiku\.[^"]*"\/>/);
      expect(html).toContain(`<meta property="og:image" content="${baseURL}${OG_IMAGE.path}"/>`);
      expect(html).toContain('<meta name="twitter:title" content="Haiku helper | Swallow Chat"/>');
      expect(html).toContain(`<meta name="twitter:image" content="${baseURL}${OG_IMAGE.path}"/>`);
    });
  });
}

test('a configured SITE_URL is not needed: the image URL follows the host the page was asked for', async ({
  request,
  baseURL,
}) => {
  const named = await (await request.get('/en', { headers: { host: 'chat.example.test' } })).text();
  expect(named).toContain(`<meta property="og:image" content="http://chat.example.test${OG_IMAGE.path}"/>`);
  const direct = await (await request.get('/en')).text();
  expect(direct).toContain(`<meta property="og:image" content="${baseURL}${OG_IMAGE.path}"/>`);
});

test('without TRUST_PROXY, a client cannot name another site for the share card (X-Forwarded-Host)', async ({
  request,
  baseURL,
}) => {
  const spoofed = await (
    await request.get('/en', { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } })
  ).text();
  expect(spoofed).not.toContain('evil.example');
  expect(spoofed).toContain(`<meta property="og:image" content="${baseURL}${OG_IMAGE.path}"/>`);
});
