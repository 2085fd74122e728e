import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  sendMessage,
  startNewChat,
  uniqueTag,
  waitForApp,
} from './support';

test.use({ locale: 'ja' });
const t = MESSAGES.ja;

const item = (page: Page, text: string) => page.getByTestId('conversation-item').filter({ hasText: text });

async function chatOnce(page: Page, text: string) {
  await sendMessage(page, text);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  await expect(page).toHaveURL(/\/ja\/c\/\w+$/);
  await expect(item(page, text)).toBeVisible();
}

test('conversations survive a reload, keep their own settings, and each has a URL', async ({ page }) => {
  const first = `一つ目の会話 ${uniqueTag()}`;
  const second = `二つ目の会話 ${uniqueTag()}`;
  await openChat(page, 'ja');
  await page.getByTestId('param-temperature').fill('0.3');
  await chatOnce(page, first);
  const firstUrl = page.url();

  await page.getByTestId('new-chat').click();
  await expect(page).toHaveURL(/\/ja$/);
  await expect(page.getByTestId('message-user')).toHaveCount(0);
  await page.getByTestId('param-temperature').fill('1.2');
  await chatOnce(page, second);

  // Newest first, titled from the first message.
  await expect(page.getByTestId('conversation-item').first()).toContainText(second);

  await page.goto(firstUrl);
  await expect(page.getByTestId('message-user')).toContainText(first);
  await expect(lastReply(page)).toContainText('了解しました。');
  await expect(page.getByTestId('param-temperature')).toHaveValue('0.3');

  await item(page, second).getByRole('link').click();
  await expect(page.getByTestId('message-user')).toContainText(second);
  await expect(page.getByTestId('param-temperature')).toHaveValue('1.2');
  await page.reload();
  await expect(page.getByTestId('message-user')).toContainText(second);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the drawer closes once a conversation is chosen; opened after a reload, it lists every conversation', async ({
    page,
  }) => {
    const first = `電話の一つ目 ${uniqueTag()}`;
    const second = `電話の二つ目 ${uniqueTag()}`;
    await openChat(page, 'ja');
    await sendMessage(page, first);
    await expect(page).toHaveURL(/\/ja\/c\/\w+$/);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    await startNewChat(page);
    await sendMessage(page, second);
    await expect(page).toHaveURL(/\/ja\/c\/\w+$/);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    const toggle = page.getByRole('button', { name: t.history.openLabel });
    const drawer = page.getByTestId('history-panel');
    await toggle.click();
    await item(page, first).getByRole('link').click();
    await expect(page.getByTestId('message-user')).toContainText(first);
    await expect(drawer).toBeHidden();

    await page.reload();
    await waitForApp(page);
    await toggle.click();
    await expect(page.getByTestId('message-user')).toContainText(first);
    await expect(drawer).toBeVisible();
    // Its list, not the server's empty one ("まだ会話はありません。"), without a further touch.
    await expect(item(page, first)).toBeVisible();
    await expect(item(page, second)).toBeVisible();
  });
});

test('a reload in the middle of a reply keeps what arrived, marked interrupted, with continue and regenerate', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await sendMessage(page, `[[scenario:slow]] ${tag}`);
  await expect(lastReply(page)).toContainText('…3');
  await page.reload();

  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  await expect(reply).toHaveAttribute('data-interrupted', 'true');
  await expect(reply.getByTestId('reply-interrupted')).toHaveText(t.chat.interrupted);
  await expect(reply).toContainText('…3');
  await expect(reply.getByTestId('regenerate')).toBeVisible();

  await reply.getByTestId('continue').click();
  const requests = await expectUpstreamRequests(tag, 2);
  const sent = requests[1].body.messages;
  expect(sent.at(-1)).toEqual({ role: 'user', content: t.chat.continuePrompt });
  expect(sent.at(-2)?.role).toBe('assistant');
  expect(sent.at(-2)?.content).toContain('…3');
});

test('closing the tab in the middle of a reply keeps what arrived', async ({ page, context }) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await sendMessage(page, `[[scenario:slow]] ${tag}`);
  await expect(page).toHaveURL(/\/ja\/c\/\w+$/);
  const url = page.url();
  // Close as soon as a token shows, well inside the save throttle.
  await expect(lastReply(page)).toContainText('…2');
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto(url);
  const reply = lastReply(again);
  await expect(reply).toHaveAttribute('data-interrupted', 'true');
  await expect(reply).toContainText('…2');
});

test('editing an earlier message resends the edited history; replies can be regenerated and messages deleted', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await chatOnce(page, `最初の質問 ${tag}`);
  await sendMessage(page, `二番目の質問 ${tag}`);
  await expect(page.getByTestId('message-assistant')).toHaveCount(2);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

  await page.getByTestId('message-user').first().getByTestId('message-edit').click();
  await page.getByTestId('message-edit-input').fill(`書き直した質問 ${tag}`);
  await page.getByTestId('message-edit-save').click();
  await expect(page.getByTestId('message-user')).toHaveCount(1);
  await expect(page.getByTestId('message-user')).toContainText('書き直した質問');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const requests = await expectUpstreamRequests(tag, 3);
  expect(requests[2].body.messages.map((m) => m.role)).toEqual(['system', 'user']);
  expect(requests[2].body.messages[1].content).toBe(`書き直した質問 ${tag}`);

  await lastReply(page).getByTestId('regenerate').click();
  await expectUpstreamRequests(tag, 4);
  await expect(page.getByTestId('message-assistant')).toHaveCount(1);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

  // Deleting the regenerated reply deletes that version: the one before it is shown again.
  await expect(lastReply(page).getByTestId('version-switch')).toHaveText('2 / 2');
  await lastReply(page).getByTestId('message-delete').click();
  await expect(page.getByTestId('message-assistant')).toHaveCount(1);
  await expect(lastReply(page).getByTestId('version-switch')).toHaveCount(0);
  await lastReply(page).getByTestId('message-delete').click();
  await expect(page.getByTestId('message-assistant')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('message-user')).toHaveCount(1);
  await expect(page.getByTestId('message-assistant')).toHaveCount(0);
});

test('rename, delete and undo in the history list', async ({ page }) => {
  const text = `名前を変える会話 ${uniqueTag()}`;
  await openChat(page, 'ja');
  await chatOnce(page, text);
  await item(page, text).getByTestId('conversation-menu').click();
  await item(page, text).getByTestId('conversation-rename').click();
  await page.getByTestId('conversation-rename-input').fill('旅行の計画');
  await page.getByTestId('conversation-rename-save').click();
  const renamed = item(page, '旅行の計画');
  await expect(renamed).toBeVisible();

  await renamed.getByTestId('conversation-menu').click();
  await renamed.getByTestId('conversation-delete').click();
  await expect(item(page, '旅行の計画')).toHaveCount(0);
  await expect(page).toHaveURL(/\/ja$/);
  await page.getByTestId('history-undo').click();
  await expect(item(page, '旅行の計画')).toBeVisible();
  await page.reload();
  await expect(item(page, '旅行の計画')).toBeVisible();
});

test('export → import round trip; Markdown export; bad files are refused whole', async ({ page }) => {
  const text = `書き出す会話 ${uniqueTag()}`;
  await openChat(page, 'ja');
  await chatOnce(page, text);

  const markdownDownload = page.waitForEvent('download');
  await item(page, text).getByTestId('conversation-menu').click();
  await item(page, text).getByTestId('conversation-export-markdown').click();
  const markdown = await readFile((await (await markdownDownload).path())!, 'utf8');
  expect(markdown).toContain(`# ${text}`);
  expect(markdown).toContain(`## ${t.chat.you}\n\n${text}`);

  const download = page.waitForEvent('download');
  await page.getByTestId('history-export-all').click();
  const file = await readFile((await (await download).path())!, 'utf8');
  expect(JSON.parse(file).conversations).toHaveLength(1);

  await item(page, text).getByTestId('conversation-menu').click();
  await item(page, text).getByTestId('conversation-delete').click();
  await expect(page.getByTestId('conversation-item')).toHaveCount(0);
  await expect(page).toHaveURL(/\/ja$/); // import on the new chat's page, not the one being replaced

  const upload = { name: 'conversations.json', mimeType: 'application/json', buffer: Buffer.from(file) };
  await page.getByTestId('history-import-file').setInputFiles(upload);
  await expect(page.getByTestId('conversation-item')).toHaveCount(1);
  await expect(page.getByTestId('history-notice')).toHaveText(
    t.history.imported.replace(/.*other \{# (.*)\}\}/, '1 $1'),
  );
  // Re-importing one's own backup adds nothing twice, and says so.
  await page.getByTestId('history-import-file').setInputFiles(upload);
  await expect(page.getByTestId('history-notice')).toContainText(t.history.importSkipped.replace('{count}', '1'));
  await expect(page.getByTestId('history-notice')).toContainText('新しく読み込んだ会話はありません');
  await expect(page.getByTestId('conversation-item')).toHaveCount(1);
  await item(page, text).first().getByRole('link').click();
  await expect(lastReply(page)).toContainText('了解しました。');

  // The same conversation, continued in the file (a newer copy): it replaces this one, no duplicate.
  const newer = JSON.parse(file);
  // Later than this browser's copy (opening it above may have saved it again).
  newer.conversations[0].updatedAt = Date.now() + 60_000;
  newer.conversations[0].messages.push({ id: 'extra-user', role: 'user', text: '続きの質問' });
  await page
    .getByTestId('history-import-file')
    .setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)) });
  await expect(page.getByTestId('history-notice')).toContainText(t.history.importReplaced.replace('{count}', '1'));
  await expect(page.getByTestId('conversation-item')).toHaveCount(1);

  const broken = JSON.parse(file);
  broken.conversations[0].messages[0].role = 'system';
  const presetsFile = { format: 'swallow-chat/presets', version: 1, presets: [] };
  for (const [content, expected] of [
    ['not json', t.history.importErrors.not_json],
    [JSON.stringify(broken), t.history.importErrors.wrong_shape.replace('{number}', '1')],
    // Another kind of file: said in words, not as the validator's "format: Invalid input: …".
    [JSON.stringify(presetsFile), t.history.importErrors.wrong_file],
    [JSON.stringify({ ...JSON.parse(file), version: 2 }), t.history.importErrors.newer_version],
    [JSON.stringify({ ...broken, conversations: [] }), t.history.importErrors.empty],
  ]) {
    await page
      .getByTestId('history-import-file')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
    await expect(page.getByTestId('history-import-error')).toContainText(expected);
    await expect(page.getByTestId('history-import-error')).not.toContainText(/Invalid input|format:|conversations\./);
    // The last import's success note no longer stands beside the error.
    await expect(page.getByTestId('history-notice')).toHaveCount(0);
    await expect(page.getByTestId('conversation-item')).toHaveCount(1);
  }
});

test('a change in one tab shows up in the other', async ({ page, context }) => {
  const text = `二つのタブ ${uniqueTag()}`;
  await openChat(page, 'ja');
  const other = await context.newPage();
  await openChat(other, 'ja');
  await chatOnce(page, text);
  await expect(item(other, text)).toBeVisible();

  await item(other, text).getByTestId('conversation-menu').click();
  await item(other, text).getByTestId('conversation-rename').click();
  await other.getByTestId('conversation-rename-input').fill('別タブで改名');
  await other.getByTestId('conversation-rename-save').click();
  await expect(item(page, '別タブで改名')).toBeVisible();
});

test.describe('when storage is unavailable', () => {
  test.use({ locale: 'en' });
  test('the chat keeps working in memory and says history is not saved', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('blocked for this test', 'SecurityError');
      };
    });
    await openChat(page, 'en');
    await expect(page.getByTestId('storage-warning')).toHaveText(MESSAGES.en.history.notSaved);
    await sendMessage(page, `in memory ${uniqueTag()}`);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('conversation-item')).toHaveCount(1);
  });
});
