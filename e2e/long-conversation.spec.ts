import { expect, test } from '@playwright/test';
import { ANSWERS, longConversation } from './fixtures/long-conversation';
import { lastReply, openChat, sendMessage, uniqueTag } from './support';

// Issue #35: a 500-message conversation (real Japanese text with code, tables, lists and math)
// opens at its end, every message is reachable by scrolling and by the keyboard, its text is in
// the page for find-in-page (a block far from the view is its messages' text, without their
// actions, until it comes near), and typing and a streamed reply work at its end. Speed is the
// bench's (bench/long-conversation.ts); this checks behaviour only.
test.use({ locale: 'ja', viewport: { width: 1280, height: 800 } });

test('a 500-message conversation opens at its end; the first message is reachable; typing and a reply work', async ({
  page,
}) => {
  test.slow();
  await openChat(page, 'ja');
  const id = `long${uniqueTag()}`;
  const title = `長い会話 ${id}`;
  await page.getByTestId('history-import-file').setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longConversation(id, title)),
  });
  await page.getByTestId('conversation-item').filter({ hasText: title }).getByRole('link').click();

  const replies = page.getByTestId('message-assistant');
  const questions = page.getByTestId('message-user');
  await expect(replies).toHaveCount(ANSWERS);
  await expect(questions).toHaveCount(ANSWERS);
  await expect(replies.last()).toBeInViewport();
  // Every message's text is in the page, also those far off screen (find-in-page finds them).
  await expect(questions.first()).toContainText('質問 1：');
  await expect(replies.first()).toContainText('面積は');
  await expect(replies.nth(ANSWERS / 2)).not.toBeEmpty();
  // Far from the view, a reply is its text as typed; near it, Markdown (checked after Home below).
  await expect(replies.nth(ANSWERS / 2).locator('[data-markdown="pending"]')).toHaveCount(1);
  await expect(replies.last().locator('[data-markdown="pending"]')).toHaveCount(0);
  // A block of messages far from the view is their text alone; its actions come with it near.
  await expect(replies.nth(ANSWERS / 2).getByTestId('message-actions')).toHaveCount(0);
  await expect(replies.last().getByTestId('copy-message')).toBeVisible();

  // The keyboard reaches the first message and comes back to the last.
  await replies.last().locator('p').first().click();
  await page.keyboard.press('Home');
  await expect(questions.first()).toBeInViewport();
  await expect(questions.first()).toBeVisible();
  await expect(replies.first().locator('[data-markdown="pending"]')).toHaveCount(0);
  await expect(replies.first().locator('h1, h2, h3, li, table').first()).toBeVisible();
  await expect(replies.first().getByTestId('copy-message')).toBeVisible();
  await expect(questions.first().getByTestId('message-edit')).toBeAttached();
  await page.keyboard.press('End');
  await expect(replies.last()).toBeInViewport();

  // Typing and a reply at its end.
  await sendMessage(page, `続きの質問です ${uniqueTag()}`);
  await expect(questions).toHaveCount(ANSWERS + 1);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  await expect(lastReply(page)).toBeInViewport();
});
