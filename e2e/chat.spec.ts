import { expect, test } from '@playwright/test';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  sendMessage,
  uniqueTag,
  behaviourLocales,
} from './support';

test.describe('landing', () => {
  test.describe('an English browser', () => {
    test.use({ locale: 'en-US' });
    test('lands on /en with <html lang="en">', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/en$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { name: MESSAGES.en.chat.emptyTitle })).toBeVisible();
    });
  });

  test.describe('a browser in another language', () => {
    test.use({ locale: 'fr-FR' });
    test('lands on the Japanese default', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/ja$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    });
  });
});

for (const locale of behaviourLocales('ja')) {
  const t = MESSAGES[locale];

  test.describe(`chat (${locale})`, () => {
    test.use({ locale });

    test('streams a Markdown reply and sends the authors\u2019 defaults upstream', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `天気について教えて ${tag}`);

      await expect(page.getByTestId('message-user')).toHaveText(new RegExp(tag));
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');
      await expect(reply).toContainText('了解しました。');
      await expect(page.getByTestId('composer')).toHaveValue('');

      // Markdown: heading, list, GFM table, highlighted code with a copy button.
      await expect(reply.getByRole('heading', { level: 2 })).toBeVisible();
      await expect(reply.locator('ul > li').first()).toBeVisible();
      await expect(reply.getByRole('table').getByRole('columnheader').first()).toHaveText('項目');
      await expect(reply.locator('pre code.hljs.language-ts')).toBeVisible();
      await expect(reply.locator('pre code .hljs-keyword').first()).toBeVisible();
      await expect(reply.getByTestId('copy-code')).toBeVisible();

      // Token usage from the upstream's cumulative usage.
      await expect(reply.getByTestId('message-usage')).toBeVisible();

      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body).toMatchObject({
        model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
        temperature: 0.6,
        top_p: 0.9,
        max_tokens: 512,
        stop: ['<|eot_id|>'],
        stream: true,
      });
      expect(request.body.messages[0]).toEqual({
        role: 'system',
        content:
          locale === 'ja'
            ? 'あなたは誠実で優秀な日本人のアシスタントです。'
            : 'You are a helpful, honest assistant, fluent in both Japanese and English.',
      });
      expect(request.body.messages.at(-1)).toEqual({ role: 'user', content: `天気について教えて ${tag}` });
    });

    test('copies a message to the clipboard', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await openChat(page, locale);
      await sendMessage(page, `コピーの確認 ${uniqueTag()}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await lastReply(page).getByTestId('copy-message').click();
      await expect(lastReply(page).getByTestId('copy-message')).toHaveText(t.chat.copied);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('了解しました。');
      expect(copied).toContain('```ts');
    });

    test('stop keeps the partial reply and aborts the upstream request', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:slow]] ${tag}`);
      const reply = lastReply(page);
      await expect(reply).toContainText('ゆっくり');
      await expect(reply).toHaveAttribute('data-status', 'streaming');
      await page.getByTestId('stop').click();

      await expect(reply).toHaveAttribute('data-status', 'stopped');
      await expect(reply.getByTestId('reply-stopped')).toHaveText(t.chat.stopped);
      const partial = await reply.innerText();
      expect(partial).toContain('ゆっくり');
      await expect.poll(async () => (await expectUpstreamRequests(tag, 1))[0].aborted, { timeout: 1_500 }).toBe(true);
      // Nothing more arrives after the stop.
      await page.waitForTimeout(500);
      expect(await reply.innerText()).toBe(partial);
      await expect(page.getByTestId('send')).toBeVisible();
    });

    test('regenerate replaces the last reply with a new request', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `もう一度 ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await lastReply(page).getByTestId('regenerate').click();
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      const requests = await expectUpstreamRequests(tag, 2);
      expect(requests[1].body.messages).toEqual(requests[0].body.messages);
      await expect(page.getByTestId('message-assistant')).toHaveCount(1);
      await expect(page.getByTestId('message-user')).toHaveCount(1);
    });

    test('model, parameters and system prompt reach the upstream', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await page
        .getByTestId('model-select')
        .selectOption('institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1');
      await page.getByTestId('param-temperature').fill('0.2');
      await page.getByTestId('param-top-p').fill('0.75');
      await page.getByTestId('param-max-tokens').fill('300');
      await page.getByTestId('system-prompt').fill('あなたは関西弁で話すアシスタントです。');
      await sendMessage(page, `設定の確認 ${tag}`);

      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body).toMatchObject({
        model: 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
        temperature: 0.2,
        top_p: 0.75,
        max_tokens: 300,
      });
      expect(request.body.messages[0]).toEqual({ role: 'system', content: 'あなたは関西弁で話すアシスタントです。' });

      // Settings survive a reload.
      await page.reload();
      await expect(page.getByTestId('param-temperature')).toHaveValue('0.2');
      await expect(page.getByTestId('model-select')).toHaveValue(
        'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
      );
    });

    test('model HTML is shown as text, never run', async ({ page }) => {
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs += 1;
        void dialog.dismiss();
      });
      await openChat(page, locale);
      await sendMessage(
        page,
        `<img src=x onerror="alert(1)"> <script>alert(2)</script> [link](javascript:alert(3)) ${uniqueTag()}`,
      );
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');
      await expect(reply).toContainText('<img src=x onerror="alert(1)">');
      await expect(reply.locator('img, script')).toHaveCount(0);
      await expect(reply.locator('a[href^="javascript:"]')).toHaveCount(0);
      expect(dialogs).toBe(0);
    });
  });
}

test.describe('on a phone', () => {
  test.use({ locale: 'ja', viewport: { width: 390, height: 800 } });

  test('settings open as a panel over the chat and close with Escape', async ({ page }) => {
    await openChat(page, 'ja');
    await expect(page.getByTestId('model-select')).toBeHidden();
    // Settings are in the header's menu on a phone; closing them gives focus back to the menu's button.
    const menu = page.getByRole('button', { name: MESSAGES.ja.app.more });
    await menu.click();
    await page.getByRole('button', { name: MESSAGES.ja.settings.open }).click();
    await expect(page.getByTestId('model-select')).toBeVisible();
    await page.getByTestId('param-temperature').focus();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('model-select')).toBeHidden();
    await expect(menu).toBeFocused();
  });
});
