import { expect, test } from '@playwright/test';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  sendMessage,
  startNewChat,
  uniqueTag,
  behaviourLocales,
} from './support';

type ErrorKey = keyof (typeof MESSAGES)['en']['errors'];

/** Fake-upstream scenario → the error code the user should see, and its message key. */
const CASES: { scenario: string; code: string; key: ErrorKey; detail?: RegExp; values?: Record<string, string> }[] = [
  { scenario: 'nvidia-401', code: 'bad_key', key: 'bad_key' },
  { scenario: 'nvidia-403', code: 'forbidden', key: 'forbidden' },
  { scenario: 'nvidia-404', code: 'model_not_found', key: 'model_not_found' },
  { scenario: 'nvidia-429', code: 'rate_limited', key: 'rate_limited_wait', values: { seconds: '7' } },
  { scenario: 'nvidia-400', code: 'upstream_bad_request', key: 'upstream_bad_request', detail: /max_tokens/ },
  { scenario: 'vllm-400-flat', code: 'context_too_long', key: 'context_too_long' },
  { scenario: 'llamacpp-context', code: 'context_too_long', key: 'context_too_long' },
  { scenario: 'ollama-404', code: 'model_not_found', key: 'model_not_found' },
  { scenario: 'llamacpp-503', code: 'model_loading', key: 'model_loading' },
  { scenario: 'nvidia-502', code: 'upstream_unavailable', key: 'upstream_unavailable' },
  { scenario: 'drop', code: 'upstream_unreachable', key: 'upstream_unreachable' },
];

function localized(locale: 'ja' | 'en', key: ErrorKey, values: Record<string, string> = {}): string {
  return Object.entries(values).reduce(
    (text, [name, value]) => text.replace(`{${name}}`, value),
    MESSAGES[locale].errors[key],
  );
}

for (const locale of behaviourLocales('en')) {
  test.describe(`upstream errors (${locale})`, () => {
    test.use({ locale });

    // One page for every case (a new chat each): a page load per case was most of the time.
    test('each upstream error shows its own localized message', async ({ page }) => {
      test.setTimeout(10_000 * CASES.length);
      await openChat(page, locale);
      for (const { scenario, code, key, detail, values } of CASES) {
        await test.step(`${scenario} shows the ${code} message`, async () => {
          await startNewChat(page);
          await sendMessage(page, `[[scenario:${scenario}]] ${uniqueTag()}`);
          // The reply had begun when the upstream failed: the error is shown inside it.
          const error = lastReply(page).getByTestId('chat-error');
          await expect(error).toBeVisible({ timeout: 20_000 });
          await expect(error).toHaveAttribute('data-code', code);
          await expect(error.locator('p').first()).toHaveText(localized(locale, key, values));
          if (detail) await expect(error.getByTestId('chat-error-detail')).toHaveText(detail);
          await expect(error.getByTestId('retry')).toBeVisible();
          await expect(page.getByText('An error occurred')).toHaveCount(0);
        });
      }
    });

    test('a reply that fails before its first token holds its error, with no empty bubble above it', async ({
      page,
    }) => {
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:nvidia-401]] ${uniqueTag()}`);
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'error');
      const error = reply.getByTestId('chat-error');
      await expect(error).toBeVisible();
      await expect(page.getByTestId('chat-error')).toHaveCount(1);
      await expect(reply.locator('.prose-chat')).toHaveCount(0);
      // The notice opens the reply (only the bubble's padding above it); its actions follow it.
      const [box, notice, remove] = await Promise.all([
        reply.boundingBox(),
        error.boundingBox(),
        reply.getByTestId('message-delete').boundingBox(),
      ]);
      expect(notice!.y - box!.y).toBeLessThanOrEqual(16);
      expect(remove!.y).toBeGreaterThanOrEqual(notice!.y + notice!.height);
    });

    test('deleting the failed reply takes its error with it', async ({ page }) => {
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:nvidia-401]] ${uniqueTag()}`);
      await expect(lastReply(page).getByTestId('chat-error')).toBeVisible();
      await lastReply(page).getByTestId('message-delete').click();
      await expect(page.getByTestId('message-assistant')).toHaveCount(0);
      await expect(page.getByTestId('chat-error')).toHaveCount(0);
      await expect(page.getByTestId('message-user')).toHaveCount(1);
    });

    test('retry sends the turn again', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:nvidia-401]] ${tag}`);
      await expect(page.getByTestId('chat-error')).toBeVisible();
      await page.getByTestId('retry').click();
      await expect(page.getByTestId('chat-error')).toBeVisible();
      await expectUpstreamRequests(tag, 2);
      await expect(page.getByTestId('message-user')).toHaveCount(1);
    });

    test('a request the server refuses shows a localized message, not raw JSON', async ({ page }) => {
      await openChat(page, locale);
      await page.getByTestId('param-max-tokens').fill('4000');
      // ~3,000 tokens of Japanese + 4,000 max_tokens exceed the test server's 4,096-token window.
      await sendMessage(page, 'とても長い文章です。'.repeat(500));
      const error = page.getByTestId('chat-error');
      await expect(error).toHaveAttribute('data-code', 'context_too_long');
      await expect(error.locator('p').first()).toHaveText(MESSAGES[locale].errors.context_too_long);
    });
  });
}
