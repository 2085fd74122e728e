import { expect, test } from '@playwright/test';
import { lastReply, MESSAGES, openChat, sendMessage, uniqueTag } from './support';

test.use({ locale: 'ja-JP' });

test('switching language keeps the conversation, the draft and a custom system prompt', async ({ page }) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await sendMessage(page, `言語切り替え ${tag}`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  await page.getByTestId('composer').fill('書きかけの下書き');

  await page.getByTestId('locale-switcher').selectOption('en');
  await expect(page).toHaveURL(/\/en\/c\/\w+$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('send')).toHaveText(MESSAGES.en.chat.send);

  await expect(page.getByTestId('message-user')).toContainText(`言語切り替え ${tag}`);
  await expect(lastReply(page)).toContainText('了解しました。');
  await expect(page.getByTestId('composer')).toHaveValue('書きかけの下書き');
  // The default system prompt follows the language.
  await expect(page.getByTestId('system-prompt')).toHaveValue(
    'You are a helpful, honest assistant, fluent in both Japanese and English.',
  );

  await page.getByTestId('locale-switcher').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('message-user')).toHaveCount(1);
  await expect(page.getByTestId('send')).toHaveText(MESSAGES.ja.chat.send);
});

test('a reply keeps streaming across a language switch', async ({ page }) => {
  await openChat(page, 'ja');
  await sendMessage(page, `[[scenario:slow]] ${uniqueTag()}`);
  await expect(lastReply(page)).toContainText('ゆっくり');
  await page.getByTestId('locale-switcher').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');
  const before = (await lastReply(page).innerText()).length;
  await expect.poll(async () => (await lastReply(page).innerText()).length).toBeGreaterThan(before);
  await page.getByTestId('stop').click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'stopped');
});
