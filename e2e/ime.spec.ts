import { expect, test, type Page } from '@playwright/test';
import { LOCALES, openChat, upstreamRequests, uniqueTag } from './support';

async function cdp(page: Page) {
  return page.context().newCDPSession(page);
}

for (const locale of LOCALES) {
  test.describe(`Japanese input (${locale})`, () => {
    test.use({ locale });

    test('Enter that confirms a conversion does not send (Chrome order), a later Enter does', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await composer.fill(`${tag} `);
      await composer.press('End');
      const session = await cdp(page);
      // Composition in progress: keydown Enter arrives with isComposing === true.
      await session.send('Input.imeSetComposition', { text: 'へんかん', selectionStart: 4, selectionEnd: 4 });
      await page.keyboard.press('Enter');
      await session.send('Input.insertText', { text: '変換' });

      // CDP does not let an IME swallow the Enter, so Chromium may add a line break; what
      // matters is that nothing was sent.
      await expect(composer).toHaveValue(new RegExp(`^${tag} 変換\\s*$`));
      await expect(page.getByTestId('message-user')).toHaveCount(0);

      await page.keyboard.press('Enter');
      await expect(page.getByTestId('message-user')).toContainText(`${tag} 変換`);
      await expect.poll(async () => (await upstreamRequests(tag)).length).toBe(1);
    });

    test('Safari order (compositionend, then keyCode 229 Enter) does not send', async ({ page }) => {
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await composer.click();
      const session = await cdp(page);
      await session.send('Input.insertText', { text: '日本語' });
      await session.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: 229,
      });
      await session.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: 229,
      });
      await expect(composer).toHaveValue('日本語');
      await expect(page.getByTestId('message-user')).toHaveCount(0);
    });

    test('Shift+Enter adds a new line', async ({ page }) => {
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await composer.fill('一行目');
      await composer.press('Shift+Enter');
      await composer.pressSequentially('二行目');
      await expect(composer).toHaveValue('一行目\n二行目');
      await expect(page.getByTestId('message-user')).toHaveCount(0);
    });
  });
}
