import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectUpstreamRequests, lastReply, LOCALES, MESSAGES, openChat, sendMessage, uniqueTag } from './support';

/** The seconds the countdown shows, read back through the localized text. */
async function countdownSeconds(countdown: Locator, template: string): Promise<number> {
  const [before, after] = template.split('{seconds}');
  const text = (await countdown.textContent()) ?? '';
  expect(text.startsWith(before) && text.endsWith(after), text).toBe(true);
  return Number(text.slice(before.length, text.length - after.length));
}

/** Our own 429 from POST /api/chat, as lib/server/security/admission.ts answers it. */
async function refuseChat(page: Page, code: 'too_many_requests' | 'too_many_streams', seconds: number) {
  await page.route('**/api/chat', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': String(seconds) },
      body: JSON.stringify({ error: { code, message: 'limited', retryAfterSeconds: seconds } }),
    }),
  );
}

for (const locale of LOCALES) {
  test.describe(`waiting out a rate limit (${locale})`, () => {
    test.use({ locale });
    const t = MESSAGES[locale].errors;

    test('an upstream 429 with Retry-After: 17 is shown at once, counts down, then retry is enabled', async ({
      page,
    }) => {
      await page.clock.install();
      const tag = uniqueTag();
      await openChat(page, locale);
      const sent = Date.now();
      await sendMessage(page, `[[scenario:nvidia-429-17]] ${tag}`);

      const error = lastReply(page).getByTestId('chat-error');
      await expect(error).toHaveAttribute('data-code', 'rate_limited', { timeout: 5_000 });
      expect(Date.now() - sent).toBeLessThan(5_000);
      await expect(error.locator('p').first()).toHaveText(t.rate_limited_wait.replace('{seconds}', '17'));
      const retry = error.getByTestId('retry');
      const countdown = error.getByTestId('chat-error-countdown');
      await expect(retry).toBeDisabled();
      const first = await countdownSeconds(countdown, t.retryIn);
      expect(first).toBeGreaterThanOrEqual(14);
      expect(first).toBeLessThanOrEqual(17);
      // Not retried behind the user's back: one request reached the upstream.
      await expectUpstreamRequests(tag, 1);

      await page.clock.fastForward(10_000);
      await expect.poll(() => countdownSeconds(countdown, t.retryIn)).toBeLessThanOrEqual(first - 10);
      await expect(retry).toBeDisabled();

      await page.clock.fastForward(8_000);
      await expect(countdown).toHaveCount(0);
      await expect(retry).toBeEnabled();

      // Retry asks again; the upstream refuses again, and the new error waits afresh.
      await retry.click();
      await expectUpstreamRequests(tag, 2);
      await expect(lastReply(page).getByTestId('chat-error-countdown')).toBeVisible();
      await expect(lastReply(page).getByTestId('retry')).toBeDisabled();
      await expect(page.getByTestId('message-user')).toHaveCount(1);
    });

    test('an upstream 429 with Retry-After: 1 is waited out silently, and the reply arrives', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:nvidia-429-once]] ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(lastReply(page)).toContainText(tag);
      await expect(page.getByTestId('chat-error')).toHaveCount(0);
      await expectUpstreamRequests(tag, 2);
    });

    for (const code of ['too_many_requests', 'too_many_streams'] as const) {
      test(`our own 429 ${code} counts its Retry-After down before retry is enabled`, async ({ page }) => {
        await page.clock.install();
        await openChat(page, locale);
        await refuseChat(page, code, 30);
        await sendMessage(page, `limited ${uniqueTag()}`);

        // Refused before any reply began: the error stands in an empty reply under the message.
        const error = lastReply(page).getByTestId('chat-error');
        await expect(error).toHaveAttribute('data-code', code);
        await expect(page.getByTestId('message-assistant')).toHaveCount(1);
        await expect(lastReply(page)).toHaveAttribute('data-status', 'error');
        await expect(error.locator('p').first()).toHaveText(t[code].replace('{seconds}', '30'));
        const countdown = error.getByTestId('chat-error-countdown');
        expect(await countdownSeconds(countdown, t.retryIn)).toBeGreaterThanOrEqual(27);
        await expect(error.getByTestId('retry')).toBeDisabled();

        await page.clock.fastForward(31_000);
        await expect(countdown).toHaveCount(0);
        await expect(error.getByTestId('retry')).toBeEnabled();
      });
    }
  });
}
