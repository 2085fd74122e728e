import { expect, test, type Locator, type Page } from '@playwright/test';
import { LOCALES, MESSAGES, openChat } from './support';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const HEADER_ITEMS = ['presets-open', 'share-open', 'model-page-link', 'view-code', 'theme-select', 'locale-switcher'];

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function expectTouchTargets(controls: Locator) {
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    const name = (await control.getAttribute('data-testid')) ?? (await control.textContent());
    expect(box, `${name}`).not.toBeNull();
    expect(box!.width, `${name} width`).toBeGreaterThanOrEqual(44);
    expect(box!.height, `${name} height`).toBeGreaterThanOrEqual(44);
  }
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

for (const locale of LOCALES) {
  const t = MESSAGES[locale];
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`phone 360×740 (${locale}, ${colorScheme})`, () => {
      test.use({ locale, colorScheme, viewport: PHONE, hasTouch: true });

      test('one header row of 44 px targets, a menu for the rest, nothing scrolls sideways', async ({ page }) => {
        await openChat(page, locale);
        const header = page.getByTestId('chat-header');
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
        await expect(page.getByRole('button', { name: t.chat.newChat })).toBeVisible();
        for (const id of HEADER_ITEMS) await expect(page.getByTestId(id)).toBeHidden();
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await expectTouchTargets(header.locator('button, a, select'));
        await expectTouchTargets(page.getByTestId('send'));

        const toggle = page.getByRole('button', { name: t.app.more });
        await toggle.click();
        await expect(toggle).toHaveAttribute('aria-expanded', 'true');
        for (const id of [...HEADER_ITEMS, 'settings-toggle']) await expect(page.getByTestId(id)).toBeVisible();
        expect(await focusedTestId(page)).toBe('presets-open');
        await expectTouchTargets(page.getByTestId('header-menu').locator('button, a, select'));
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('header-menu')).toBeHidden();
        await expect(toggle).toBeFocused();

        // A dialog opened from the menu gives focus back to the menu's button, the item being hidden.
        await toggle.click();
        await page.getByTestId('share-open').click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expect(page.getByTestId('header-menu')).toBeHidden();
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toBeHidden();
        await expect(toggle).toBeFocused();
      });

      test('history and settings open as drawers that take focus and give it back', async ({ page }) => {
        await openChat(page, locale);
        const historyToggle = page.getByRole('button', { name: t.history.openLabel });
        await historyToggle.click();
        const history = page.getByTestId('history-panel');
        await expect(history).toBeVisible();
        expect(await focusedTestId(page)).toBe('history-panel-close');
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await page.keyboard.press('Escape');
        await expect(history).toBeHidden();
        await expect(historyToggle).toBeFocused();

        await page.getByRole('button', { name: t.app.more }).click();
        await page.getByRole('button', { name: t.settings.open }).click();
        const settings = page.getByTestId('settings-panel');
        await expect(settings).toBeVisible();
        await expect(page.getByTestId('model-select')).toBeVisible();
        expect(await focusedTestId(page)).toBe('settings-panel-close');
        await expectTouchTargets(page.getByTestId('settings-panel-close'));
        await page.getByRole('button', { name: t.settings.close }).click();
        await expect(settings).toBeHidden();
        await expect(page.getByRole('button', { name: t.app.more })).toBeFocused();
      });
    });

    test.describe(`desktop 1280×800 (${locale}, ${colorScheme})`, () => {
      test.use({ locale, colorScheme, viewport: DESKTOP });

      test('one header row with the main controls in it, the rest in the "…" menu', async ({ page }) => {
        await openChat(page, locale);
        const header = page.getByTestId('chat-header');
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
        const row = ['new-chat', 'presets-open', 'compare-open', 'share-open', 'theme-select', 'locale-switcher'];
        for (const id of row) await expect(page.getByTestId(id)).toBeVisible();
        await expect(page.getByRole('button', { name: t.chat.newChat })).toContainText(t.chat.newChat);
        await expect(page.getByTestId('history-panel')).toBeVisible();
        await expect(page.getByTestId('settings-panel')).toBeVisible();
        // Model info and the API code are a click further, in the menu (focus moves into it).
        for (const id of ['model-page-link', 'view-code']) await expect(page.getByTestId(id)).toBeHidden();
        await page.getByTestId('header-menu-toggle').click();
        for (const id of ['model-page-link', 'view-code']) await expect(page.getByTestId(id)).toBeVisible();
        expect(await focusedTestId(page)).toBe('model-page-link');
        await expect(page.getByTestId('settings-toggle')).toHaveCount(0);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      });
    });
  }
}

test('the page shrinks above the on-screen keyboard and reaches under notches', async ({ page }) => {
  await page.goto('/ja');
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
  expect(viewport).toContain('interactive-widget=resizes-content');
  expect(viewport).toContain('viewport-fit=cover');
});
