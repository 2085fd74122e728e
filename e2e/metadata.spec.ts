import { expect, test } from '@playwright/test';
import { LOCALES, MESSAGES } from './support';

test('the web app manifest names the app and its icon, and the icon is served', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Swallow Chat', start_url: '/', display: 'standalone', description: MESSAGES.ja.meta.description });
  const icon = await request.get(manifest.icons[0].src);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});

for (const locale of LOCALES) {
  test.describe(`metadata (${locale})`, () => {
    test.use({ locale });

    test('pages link the manifest and icon and carry a title and description in their language', async ({ page }) => {
      await page.goto(`/${locale}`);
      await expect(page).toHaveTitle(MESSAGES[locale].meta.title);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', MESSAGES[locale].meta.description);
      await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
      await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute('href', /^\/icon\.svg/);

      await page.goto(`/${locale}/model`);
      await expect(page).toHaveTitle(MESSAGES[locale].model.meta.title);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', MESSAGES[locale].model.meta.title);
    });
  });
}
