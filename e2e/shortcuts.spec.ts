import { expect, test, type Page } from '@playwright/test';
import { MESSAGES, lastReply, openChat, sendMessage, uniqueTag, behaviourLocales } from './support';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** Makes the page believe it runs on macOS (client hints and navigator.platform). */
async function pretendMac(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' });
    Object.defineProperty(navigator, 'userAgentData', { get: () => ({ platform: 'macOS' }) });
  });
}

async function focusedTestId(page: Page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
}

for (const locale of behaviourLocales('en')) {
  const t = MESSAGES[locale].shortcuts;

  test.describe(`keyboard shortcuts (${locale})`, () => {
    test.use({ locale });

    test('each shortcut does its thing at 1280x800', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.setViewportSize(DESKTOP);
      await openChat(page, locale);
      const composer = page.getByTestId('composer');

      // Esc while a reply streams stops it (focus in the composer, where it is after sending).
      const tag = uniqueTag();
      await sendMessage(page, `[[scenario:slow]] ${tag}`);
      await expect(lastReply(page)).toContainText('…2');
      await composer.focus();
      await page.keyboard.press('Escape');
      await expect(lastReply(page)).toHaveAttribute('data-status', 'stopped');

      // Copy the last reply: the clipboard holds its text, the page says so.
      await page.keyboard.press('Control+Shift+C');
      await expect(page.getByTestId('shortcut-notice')).toHaveText(t.copied);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^ゆっくり …1 …2/);

      // Toggle history: the column hides, its header button appears; again, and it is back.
      const history = page.getByTestId('history-panel');
      await expect(history).toBeVisible();
      await page.keyboard.press('Control+Shift+S');
      await expect(history).toBeHidden();
      await expect(page.getByTestId('history-toggle')).toBeVisible();
      await page.keyboard.press('Control+Shift+S');
      await expect(history).toBeVisible();

      // Focus the composer from anywhere (here: the model select in settings).
      await page.getByTestId('model-select').focus();
      await page.keyboard.press('Shift+Escape');
      await expect(composer).toBeFocused();

      // New chat: the conversation is gone, the URL is the locale's start page, the composer has focus.
      await page.keyboard.press('Control+Shift+O');
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      await expect(page).toHaveURL(new RegExp(`/${locale}$`));
      await expect(composer).toBeFocused();

      // With no reply yet, copying says so.
      await page.keyboard.press('Control+Shift+C');
      await expect(page.getByTestId('shortcut-notice')).toHaveText(t.nothingToCopy);
    });

    test('the dialog opens and closes with focus handled; Esc in it closes it, not the reply; not while composing', async ({
      page,
    }) => {
      await page.setViewportSize(DESKTOP);
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      const dialog = page.getByTestId('shortcuts-dialog');

      await sendMessage(page, `[[scenario:slow]] ${uniqueTag()}`);
      await expect(lastReply(page)).toContainText('…1');
      await composer.focus();

      // Ctrl+/ opens the list; focus is in it; the keys are named as on this (non-Mac) machine.
      await page.keyboard.press('Control+/');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('heading', { name: t.title })).toBeVisible();
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
      const newChat = dialog.locator('[data-shortcut="newChat"]');
      await expect(newChat).toContainText(t.actions.newChat);
      await expect(newChat.getByTestId('shortcut-keys')).toContainText('CtrlShiftO');
      await expect(dialog.locator('[data-shortcut="showShortcuts"] [data-testid="shortcut-keys"]')).toContainText(
        `Ctrl ${t.keys.slash}`,
      );
      await expect(dialog.locator('[data-shortcut="stop"]')).toContainText(t.actions.stop);

      // Esc closes the dialog, and only the dialog: the reply keeps streaming; focus is back.
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(composer).toBeFocused();
      await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');

      // Ctrl+/ toggles: open, then closed again; the close button closes it too.
      await page.keyboard.press('Control+/');
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Control+/');
      await expect(dialog).toBeHidden();
      await page.getByTestId('shortcuts-open').click();
      await expect(dialog).toBeVisible();
      await page.getByTestId('shortcuts-close').click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('shortcuts-open')).toBeFocused();

      // During an IME composition, Esc (Chrome order: isComposing) and Enter do nothing here.
      await composer.focus();
      const session = await page.context().newCDPSession(page);
      await session.send('Input.imeSetComposition', { text: 'へんかん', selectionStart: 4, selectionEnd: 4 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Escape');
      // Safari order: the key arrives with keyCode 229 after the text is in.
      await session.send('Input.insertText', { text: '変換' });
      for (const type of ['rawKeyDown', 'keyUp'] as const) {
        await session.send('Input.dispatchKeyEvent', {
          type,
          key: 'Escape',
          code: 'Escape',
          windowsVirtualKeyCode: 229,
        });
      }
      const before = await lastReply(page).innerText();
      await expect(lastReply(page)).not.toHaveText(before); // still streaming: a later piece arrived
      await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');
      await expect(page.getByTestId('message-user')).toHaveCount(1);
      await expect(dialog).toBeHidden();

      // After the composition, Esc stops it.
      await page.keyboard.press('Escape');
      await expect(lastReply(page)).toHaveAttribute('data-status', 'stopped');
    });

    test('⌘ names on macOS; on a phone the history drawer toggles', async ({ page }) => {
      await pretendMac(page);
      await page.setViewportSize(PHONE);
      await openChat(page, locale);
      await page.keyboard.press('Meta+/');
      const dialog = page.getByTestId('shortcuts-dialog');
      await expect(dialog).toBeVisible();
      const keys = dialog.locator('[data-shortcut="newChat"] [data-testid="shortcut-keys"]');
      await expect(keys.locator('kbd')).toHaveText(['⌘', '⇧', 'O']);
      await expect(keys).toContainText(`${t.keys.command} Shift O`);
      // The dialog fits the phone.
      const box = (await dialog.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(PHONE.width);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();

      // Ctrl is not the Mac's modifier; ⌘⇧S opens the drawer, again closes it, focus back in the composer.
      const history = page.getByTestId('history-panel');
      await page.keyboard.press('Control+Shift+S');
      await expect(history).toBeHidden();
      await page.keyboard.press('Meta+Shift+S');
      await expect(history).toBeVisible();
      expect(await focusedTestId(page)).toBe('history-panel-close');
      await page.keyboard.press('Meta+Shift+S');
      await expect(history).toBeHidden();
      await expect(page.getByTestId('composer')).toBeFocused();
    });
  });
}
