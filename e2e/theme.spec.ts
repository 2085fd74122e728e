import { expect, test, type Page } from '@playwright/test';
import { LOCALES, MESSAGES, openChat } from './support';

const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;
const WHITE = 'rgb(255, 255, 255)';

declare global {
  interface Window {
    __firstFrame?: { theme?: string; background: string };
  }
}

/** What the page looked like in its first frame: rAF runs once styles are in, just before the first paint. */
async function firstFrame(page: Page) {
  await page.waitForFunction(() => window.__firstFrame !== undefined);
  return page.evaluate(() => window.__firstFrame!);
}

async function chooseTheme(page: Page, phone: boolean, theme: 'light' | 'dark' | 'system') {
  if (phone) await page.getByTestId('header-menu-toggle').click();
  await page.getByTestId('theme-select').selectOption(theme);
}

for (const locale of LOCALES) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const theme of ['light', 'dark'] as const) {
      const system = theme === 'light' ? 'dark' : 'light';
      test.describe(`${size} (${locale}): ${theme} chosen on a ${system} system`, () => {
        test.use({ locale, viewport, colorScheme: system });

        test('is applied, remembered across reloads and painted from the first frame', async ({ page }) => {
          const cspErrors: string[] = [];
          page.on(
            'console',
            (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()),
          );
          await page.addInitScript(() => {
            requestAnimationFrame(() => {
              window.__firstFrame = {
                theme: document.documentElement.dataset.theme,
                background: getComputedStyle(document.body).backgroundColor,
              };
            });
          });
          await openChat(page, locale);
          const systemFrame = await firstFrame(page);
          expect(systemFrame.theme).toBeUndefined();
          expect(systemFrame.background === WHITE).toBe(system === 'light');

          await chooseTheme(page, size === 'phone', theme);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          const chosenBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          expect(chosenBackground === WHITE).toBe(theme === 'light');

          await page.reload();
          const frame = await firstFrame(page);
          expect(frame).toEqual({ theme, background: chosenBackground });
          await expect(page.getByTestId('theme-select')).toHaveValue(theme);

          await chooseTheme(page, size === 'phone', 'system');
          await page.reload();
          expect(await firstFrame(page)).toEqual(systemFrame);
          expect(cspErrors).toEqual([]);
        });
      });
    }
  }
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test.describe(`${size}: the chosen theme survives a language switch`, () => {
    test.use({ locale: 'ja', viewport, colorScheme: 'light' });

    test('ダーク, then English: still dark, and the control says Dark', async ({ page }) => {
      await openChat(page, 'ja');
      await chooseTheme(page, size === 'phone', 'dark');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

      // On a phone the menu stays open after the theme is chosen (a select does not close it).
      await page.getByTestId('locale-switcher').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).not.toBe(WHITE);

      // The language switch remounted the header: its menu is closed again.
      if (size === 'phone') await page.getByTestId('header-menu-toggle').click();
      const control = page.getByTestId('theme-select');
      await expect(control).toHaveValue('dark');
      await expect(control.locator('option:checked')).toHaveText(MESSAGES.en.theme.dark);
      // In the row the control is an icon: its tooltip says which theme.
      if (size === 'desktop')
        await expect(page.locator('label:has([data-testid="theme-select"])')).toHaveAttribute('title', 'Theme: Dark');

      // And back to Japanese, still dark.
      await page.getByTestId('locale-switcher').selectOption('ja');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    });
  });
}

test('the theme script carries the page’s CSP nonce', async ({ page }) => {
  const response = await page.goto('/en');
  const csp = response!.headers()['content-security-policy'];
  const nonce = await page.evaluate(
    () => [...document.head.querySelectorAll('script')].find((s) => s.textContent?.includes('theme'))?.nonce,
  );
  expect(nonce).not.toBe('');
  expect(csp).toContain(`'nonce-${nonce}'`);
});
