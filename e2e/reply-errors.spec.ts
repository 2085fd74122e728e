import { expect, test, type Page } from '@playwright/test';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  sendMessage,
  uniqueTag,
  behaviourLocales,
} from './support';

/**
 * Issue 31, items 2, 3, 6, 12: errors stay on their replies and in view, a reply cut off says
 * so, an edit says what it replaces, a deleted message can come back, the meter counts unasked.
 */

/** A UI message stream that stops mid-table, without the server's finish. */
const CUT_STREAM = [
  { type: 'start', messageId: 'cut-reply' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: '| 項目 | 値 |\n|---|---|\n| 一 | 1 |\n| 二 |' },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`)
  .join('');

async function reopen(page: Page) {
  await page.reload();
  await expect(page.getByTestId('message-user').first()).toBeVisible();
}

for (const locale of behaviourLocales('en')) {
  test.describe(`replies that failed (${locale})`, () => {
    test.use({ locale });
    const t = MESSAGES[locale];

    test('every failed reply keeps its error and retry after later messages and a reload', async ({ page }) => {
      test.setTimeout(60_000);
      await openChat(page, locale);
      const failures = [
        { scenario: 'nvidia-500', key: 'upstream_unavailable' },
        { scenario: 'nvidia-401', key: 'bad_key' },
        { scenario: 'vllm-404', key: 'model_not_found' },
      ] as const;
      for (const { scenario } of failures) {
        await sendMessage(page, `[[scenario:${scenario}]] ${uniqueTag()}`);
        await expect(lastReply(page).getByTestId('chat-error')).toBeVisible({ timeout: 15_000 });
      }
      await sendMessage(page, `ok ${uniqueTag()}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

      const check = async () => {
        const replies = page.getByTestId('message-assistant');
        await expect(replies).toHaveCount(failures.length + 1);
        for (const [index, { key }] of failures.entries()) {
          const reply = replies.nth(index);
          await expect(reply).toHaveAttribute('data-status', 'error');
          const error = reply.getByTestId('chat-error');
          await expect(error.locator('p').first()).toHaveText(t.errors[key]);
          await expect(error.getByTestId('retry')).toBeVisible();
        }
      };
      await check();
      await reopen(page);
      await check();
    });

    test('on a phone, a request that cannot reach the server shows its error in view, under the message', async ({
      page,
    }) => {
      await page.setViewportSize({ width: 360, height: 640 });
      await openChat(page, locale);
      // A few turns first, so the conversation is longer than the screen.
      for (let turn = 0; turn < 3; turn++) {
        await sendMessage(page, `${'長めの質問です。'.repeat(20)} ${uniqueTag()}`);
        await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      }
      await page.route('**/api/chat', (route) => route.abort('internetdisconnected'));
      await sendMessage(page, `offline ${uniqueTag()}`);
      const error = lastReply(page).getByTestId('chat-error');
      await expect(error).toHaveAttribute('data-code', 'network');
      await expect(error.locator('p').first()).toHaveText(t.errors.network);
      await expect(error).toBeInViewport();
      await expect(error.getByTestId('retry')).toBeInViewport();
      await expect(lastReply(page)).toHaveAttribute('data-status', 'error');

      await page.unroute('**/api/chat');
      await error.getByTestId('retry').click();
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(page.getByTestId('chat-error')).toHaveCount(0);
      await expect(page.getByTestId('message-assistant')).toHaveCount(4);
    });

    test('a reply cut off mid-stream says it was interrupted, also after a reload', async ({ page }) => {
      await openChat(page, locale);
      await page.route('**/api/chat', (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
          body: CUT_STREAM,
        }),
      );
      await sendMessage(page, `cut ${uniqueTag()}`);
      const reply = lastReply(page);
      await expect(reply.getByTestId('reply-interrupted')).toHaveText(t.chat.interrupted);
      await expect(reply).toHaveAttribute('data-interrupted', 'true');
      await page.unroute('**/api/chat');
      await reopen(page);
      await expect(lastReply(page).getByTestId('reply-interrupted')).toHaveText(t.chat.interrupted);
    });
  });

  test.describe(`edit and delete without silent loss (${locale})`, () => {
    test.use({ locale });
    const t = MESSAGES[locale];

    test('editing an early message says how many later messages it replaces', async ({ page }) => {
      await openChat(page, locale);
      const tag = uniqueTag();
      await sendMessage(page, `first ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await sendMessage(page, `second ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

      const first = page.getByTestId('message-user').first();
      await first.hover();
      await first.getByTestId('message-edit').click();
      const warning = page.getByTestId('message-edit-warning');
      const expected = locale === 'ja' ? '3 件' : '3 messages';
      await expect(warning).toContainText(expected);
      await expect(page.getByTestId('message-edit-input')).toHaveAttribute('aria-describedby', /.+/);
      await page.getByTestId('message-edit-cancel').click();

      // The last message has nothing after it but its reply: one message.
      const second = page.getByTestId('message-user').last();
      await second.hover();
      await second.getByTestId('message-edit').click();
      await expect(page.getByTestId('message-edit-warning')).toContainText(locale === 'ja' ? '1 件' : '1 message');
    });

    test('deleting a message offers undo, which puts it back where it was', async ({ page }) => {
      await openChat(page, locale);
      const tag = uniqueTag();
      await sendMessage(page, `keep me ${tag}`);
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');
      const replyText = (await reply.locator('.prose-chat').textContent()) ?? '';

      await reply.getByTestId('message-delete').click();
      await expect(page.getByTestId('message-assistant')).toHaveCount(0);
      const notice = page.getByTestId('message-deleted');
      await expect(notice).toContainText(t.chat.messageDeleted);
      await notice.getByTestId('message-undo').click();
      await expect(page.getByTestId('message-assistant')).toHaveCount(1);
      await expect(lastReply(page).locator('.prose-chat')).toHaveText(replyText);
      await expect(notice).toHaveCount(0);
      await expectUpstreamRequests(tag, 1);

      // Restored for good: it is saved, and there after a reload.
      await reopen(page);
      await expect(lastReply(page).locator('.prose-chat')).toHaveText(replyText);
    });
  });

  test.describe(`context meter (${locale})`, () => {
    test.use({ locale });

    test('counts on a first visit and after a reload without anything typed', async ({ page }) => {
      await page.goto(`/${locale}`);
      const meter = page.getByTestId('context-meter');
      await expect(meter).toHaveAttribute('data-used', /^\d+$/, { timeout: 20_000 });
      await page.reload();
      await expect(meter).toHaveAttribute('data-used', /^\d+$/, { timeout: 20_000 });
    });
  });
}

for (const locale of behaviourLocales('en')) {
  test.describe(`a conversation on a phone (${locale})`, () => {
    test.use({ locale, hasTouch: true, viewport: { width: 360, height: 740 } });
    const t = MESSAGES[locale];

    test('usage, copy, regenerate and delete share one row; a user message shows its actions on a tap', async ({
      page,
    }) => {
      await openChat(page, locale);
      await sendMessage(page, `phone ${uniqueTag()}`);
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');
      const usage = await reply.getByTestId('message-usage').boundingBox();
      const remove = await reply.getByTestId('message-delete').boundingBox();
      expect(Math.abs(usage!.y + usage!.height / 2 - (remove!.y + remove!.height / 2))).toBeLessThan(4);
      expect(remove!.height).toBeGreaterThanOrEqual(44);
      await expect(reply.getByTestId('message-usage')).toHaveAttribute('title', /\d/);

      // A user message takes no row for its actions until it is tapped.
      const user = page.getByTestId('message-user').first();
      const actions = user.getByTestId('message-actions');
      expect((await actions.boundingBox())?.height ?? 0).toBeLessThan(1);
      await user.getByText(/phone/).tap();
      await expect(user.getByTestId('message-edit')).toBeVisible();
      expect((await user.getByTestId('message-edit').boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await expect(user.getByRole('button', { name: t.chat.edit })).toBeVisible();
    });

    for (const width of [320, 360]) {
      test(`the composer's placeholder fits on one line at ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 740 });
        await openChat(page, locale);
        const composer = page.getByTestId('composer');
        await expect(composer).toHaveAttribute('placeholder', t.chat.composerPlaceholder);
        const fits = await composer.evaluate((element) => {
          const style = getComputedStyle(element);
          const probe = document.createElement('span');
          probe.textContent = element.getAttribute('placeholder');
          probe.style.font = style.font;
          probe.style.whiteSpace = 'nowrap';
          document.body.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          const inner = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return { width, inner };
        });
        expect(fits.width).toBeLessThanOrEqual(fits.inner);
      });
    }
  });
}
