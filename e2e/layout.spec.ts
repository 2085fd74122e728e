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

/**
 * Light, then dark, on one page: the scheme is switched in place (the page follows
 * prefers-color-scheme live, app/globals.css), so each check runs in both without a page load each.
 */
async function inEachScheme(page: Page, check: () => Promise<void>) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await test.step(colorScheme, async () => {
      await page.emulateMedia({ colorScheme });
      await expect
        .poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
        .toBe(colorScheme === 'dark');
      await check();
    });
  }
}

for (const locale of LOCALES) {
  const t = MESSAGES[locale];
  test.describe(`phone 360×740 (${locale}, light and dark)`, () => {
    test.use({ locale, viewport: PHONE, hasTouch: true });

    test('one header row of 44 px targets, a menu for the rest, nothing scrolls sideways; history and settings open as drawers that take focus and give it back', async ({
      page,
    }) => {
      await openChat(page, locale);
      await inEachScheme(page, async () => {
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

        // History and settings: drawers that take focus and give it back.
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
  });

  test.describe(`desktop 1280×800 (${locale}, light and dark)`, () => {
    test.use({ locale, viewport: DESKTOP });

    test('one header row with the main controls in it, the rest in the "…" menu', async ({ page }) => {
      await openChat(page, locale);
      await inEachScheme(page, async () => {
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
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('header-menu')).toBeHidden();
      });
    });
  });
}

test('the page shrinks above the on-screen keyboard and reaches under notches', async ({ page }) => {
  await page.goto('/ja');
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
  expect(viewport).toContain('interactive-widget=resizes-content');
  expect(viewport).toContain('viewport-fit=cover');
});

/** Every control a finger uses in `scope`: buttons, fields, menu items (not the hidden file inputs). */
const CONTROLS = 'button, input:not([type="file"]), select, textarea, summary, [role="menuitem"]';

for (const locale of LOCALES) {
  const t = MESSAGES[locale];
  test.describe(`touch targets on a phone (${locale})`, () => {
    test.use({ locale, viewport: PHONE, hasTouch: true, isMobile: true });

    test('presets, history and its menu, export/import, code copy, settings fields: every control 44×44 px', async ({
      page,
    }) => {
      test.slow(); // a reply, then four panels
      await openChat(page, locale);
      await page.getByTestId('composer').fill('コードの例を見せてください');
      await page.getByTestId('send').tap();
      await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
      // The code block's copy button.
      await expect(page.getByTestId('copy-code').first()).toBeVisible();
      await expectTouchTargets(page.getByTestId('copy-code'));

      // Presets: the list, its tools, each preset's actions; then the editor's fields.
      await page.getByTestId('header-menu-toggle').tap();
      await page.getByTestId('presets-open').tap();
      const presets = page.getByTestId('presets-panel');
      await expect(presets).toBeVisible();
      await expectTouchTargets(presets.locator(CONTROLS));
      await presets.getByTestId('preset-new').tap();
      await expect(presets.getByTestId('preset-temperature')).toBeVisible();
      await expectTouchTargets(presets.locator(CONTROLS));
      await page.keyboard.press('Escape');
      await expect(presets).toBeHidden();

      // History: export/import, search, each conversation and its menu.
      await page.getByRole('button', { name: t.history.openLabel }).tap();
      const history = page.getByTestId('history-panel');
      await expect(history.getByTestId('conversation-item')).toHaveCount(1);
      await expectTouchTargets(history.locator(CONTROLS));
      await history.getByTestId('conversation-menu').tap();
      await expect(history.getByTestId('conversation-rename')).toBeVisible();
      await expectTouchTargets(history.locator(CONTROLS));
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await history.getByTestId('conversation-rename').tap();
      await expectTouchTargets(history.locator(CONTROLS));
      await page.getByTestId('history-panel-close').tap();

      // Settings: the model, the number fields, "reset to recommended", the system prompt.
      await page.getByTestId('header-menu-toggle').tap();
      await page.getByTestId('settings-toggle').tap();
      const settings = page.getByTestId('settings-panel');
      await expect(settings.getByTestId('param-temperature')).toBeVisible();
      await settings.getByTestId('system-prompt').fill('短く答えてください。');
      await expect(settings.getByRole('button', { name: t.settings.resetSystemPrompt })).toBeVisible();
      await expectTouchTargets(settings.locator(CONTROLS));
      await expectTouchTargets(settings.getByTestId('reset-params'));
    });
  });
}

test.describe('a number out of range', () => {
  test.use({ locale: 'ja', viewport: DESKTOP });

  test('stays as typed, says the allowed range and what is used meanwhile; a good value clears it', async ({
    page,
  }) => {
    await openChat(page, 'ja');
    const field = page.getByTestId('param-temperature');
    await field.fill('3');
    await field.blur();
    await expect(field).toHaveValue('3');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('param-temperature-range')).toHaveText(
      MESSAGES.ja.settings.outOfRange.replace('{min}', '0').replace('{max}', '2').replace('{value}', '0.6'),
    );
    await field.fill('1.2');
    await expect(page.getByTestId('param-temperature-range')).toHaveCount(0);
    await expect(field).toHaveAttribute('aria-invalid', 'false');
  });
});

const TABLET = { width: 768, height: 1024 };

test.describe('the settings panel beside the chat', () => {
  test.use({ locale: 'ja' });

  test('on a tablet it starts closed, opens from the rail at the edge as a column, and stays as left', async ({
    page,
  }) => {
    await page.setViewportSize(TABLET);
    await openChat(page, 'ja');
    const panel = page.getByTestId('settings-panel');
    const rail = page.getByTestId('settings-panel-open');
    const main = page.locator('main');
    await expect(panel).toBeHidden();
    await expect(rail).toBeVisible();
    await expectTouchTargets(rail);
    // The chat keeps the width: only the 44 px rail (and its border) beside it.
    expect((await main.boundingBox())!.width).toBeGreaterThanOrEqual(TABLET.width - 60);

    await rail.click();
    await expect(panel).toBeVisible();
    await expect(rail).toBeHidden();
    await expect(page.getByTestId('settings-panel-close')).toBeFocused();
    // A column beside the chat, not over it.
    expect((await panel.boundingBox())!.width).toBe(320);
    expect((await main.boundingBox())!.width).toBe(TABLET.width - 320);
    await page.reload();
    await expect(panel).toBeVisible();

    await page.getByTestId('settings-panel-close').click();
    await expect(panel).toBeHidden();
    await expect(rail).toBeFocused();
    await page.reload();
    await expect(panel).toBeHidden();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });

  test('on a desktop it starts open, closes with its own button, reopens from the rail; reloads keep it', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await openChat(page, 'ja');
    const panel = page.getByTestId('settings-panel');
    const rail = page.getByTestId('settings-panel-open');
    await expect(panel).toBeVisible();
    await expect(rail).toBeHidden();

    await page.getByTestId('settings-panel-close').click();
    await expect(panel).toBeHidden();
    await expect(rail).toBeFocused();
    await expect(rail).toHaveAccessibleName(MESSAGES.ja.settings.open);
    // Hidden from the first paint after a reload (the choice is read before React starts).
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-settings-panel', 'closed');
    await expect(panel).toBeHidden();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await rail.click();
    await expect(panel).toBeVisible();
    await page.reload();
    await expect(panel).toBeVisible();
  });
});
