import { expect, test } from '@playwright/test';
import { lastReply, LOCALES, MESSAGES, openChat, sendMessage, uniqueTag } from './support';

const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;

// One conversation per language, looked at on a phone, then on a desktop: the window is resized in
// place (the layout follows the width alone), so both sizes are checked without a second reply.
for (const locale of LOCALES) {
  const t = MESSAGES[locale];
  test.describe(`icons (${locale}, phone and desktop)`, () => {
    test.use({ locale, viewport: SIZES.phone });

    test('header and message actions carry an icon and are named by their label', async ({ page }) => {
      await openChat(page, locale);
      await sendMessage(page, `icons ${uniqueTag()}`);
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');

      for (const [size, viewport] of Object.entries(SIZES)) {
        await test.step(size, async () => {
          await page.setViewportSize(viewport);
          const actions = [
            { button: reply.getByRole('button', { name: t.chat.copy, exact: true }), label: t.chat.copy },
            { button: reply.getByRole('button', { name: t.chat.regenerate }), label: t.chat.regenerate },
            { button: reply.getByRole('button', { name: t.chat.deleteMessage }), label: t.chat.deleteMessage },
            {
              button: page.getByTestId('message-user').getByRole('button', { name: t.chat.edit }),
              label: t.chat.edit,
            },
            { button: page.getByRole('button', { name: t.chat.newChat }), label: t.chat.newChat },
          ];
          for (const { button, label } of actions) {
            await expect(button).toBeVisible();
            await expect(button.locator('svg[aria-hidden="true"]')).toHaveCount(1);
            if (size === 'phone') {
              // Only the icon shows: the label is the tooltip, and the target is 44 px.
              await expect(button).toHaveAttribute('title', label);
              const box = (await button.boundingBox())!;
              expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
            } else {
              await expect(button).toContainText(label);
              await expect(button.getByText(label)).toBeVisible();
            }
          }
          if (size === 'phone') await page.getByTestId('header-menu-toggle').click();
          for (const id of ['presets-open', 'share-open', 'view-code', 'model-page-link']) {
            await expect(page.getByTestId(id).locator('svg[aria-hidden="true"]')).toHaveCount(1);
          }
          if (size === 'phone') {
            await page.keyboard.press('Escape');
            await expect(page.getByTestId('header-menu')).toBeHidden();
          }
        });
      }
    });
  });
}
