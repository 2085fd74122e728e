import { readFile } from 'node:fs/promises';
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

// Issue #34 item 2: regenerate and edit keep every version ("‹ 2 / 3 ›"), what follows a version
// stays with it, the model gets only the path shown, and reload and export/import keep them all.
// The fake upstream's `numbered` scenario answers the nth request with the same messages 「回答そのn」.

const switchOf = (page: Page, testId: 'message-user' | 'message-assistant', index = 0) =>
  page.getByTestId(testId).nth(index).getByTestId('version-switch');

for (const locale of behaviourLocales('en')) {
  test.describe(`versions (${locale})`, () => {
    test.use({ locale });
    const t = MESSAGES[locale].chat;

    test('regenerate and edit keep every version and its follow-ups, through reload and export/import', async ({
      page,
      browser,
    }, testInfo) => {
      const tag = uniqueTag();
      const question = `質問 ${tag} [[scenario:numbered]]`;
      await openChat(page, locale);
      await sendMessage(page, question);
      const firstReply = page.getByTestId('message-assistant').first();
      await expect(firstReply).toHaveAttribute('data-status', 'done');
      await expect(firstReply).toContainText('回答その1');
      await expect(firstReply.getByTestId('version-switch')).toHaveCount(0);

      // Regenerate twice: three versions, the newest shown.
      for (const n of [2, 3]) {
        await firstReply.getByTestId('regenerate').click();
        await expect(firstReply).toContainText(`回答その${n}`);
        await expect(firstReply).toHaveAttribute('data-status', 'done');
        await expect(switchOf(page, 'message-assistant')).toHaveText(`${n} / ${n}`);
      }
      const replySwitch = switchOf(page, 'message-assistant');
      await expect(replySwitch).toHaveAttribute('role', 'group');
      await expect(replySwitch).toHaveAccessibleName(t.versionOf.replace('{index}', '3').replace('{count}', '3'));
      await expect(replySwitch.getByTestId('version-prev')).toHaveAccessibleName(t.versionPrev);
      await expect(replySwitch.getByTestId('version-next')).toHaveAccessibleName(t.versionNext);
      await expect(replySwitch.getByTestId('version-next')).toHaveAttribute('aria-disabled', 'true');

      await replySwitch.getByTestId('version-prev').click();
      await expect(replySwitch).toHaveText('2 / 3');
      await expect(firstReply).toContainText('回答その2');
      // From the keyboard: the focus stays on the arrow as the version changes.
      await replySwitch.getByTestId('version-prev').press('Enter');
      await expect(replySwitch).toHaveText('1 / 3');
      await expect(firstReply).toContainText('回答その1');
      await expect(replySwitch.getByTestId('version-prev')).toBeFocused();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(replySwitch).toHaveText('2 / 3');
      await replySwitch.getByTestId('version-prev').click();
      await expect(replySwitch).toHaveText('1 / 3');

      // A follow-up on version 1: the model gets only the path shown.
      await sendMessage(page, `続き ${tag} [[scenario:numbered]]`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      const [followUp] = await expectUpstreamRequests(`続き ${tag}`, 1);
      const sent = followUp.body.messages.filter((m) => m.role !== 'system').map((m) => m.content);
      expect(sent).toHaveLength(3);
      expect(sent[1]).toContain('回答その1');
      expect(JSON.stringify(followUp.body.messages)).not.toMatch(/回答その[23]/);

      // Edit the question: a second version of it, with its own reply; the first keeps its branch.
      const firstUser = page.getByTestId('message-user').first();
      await firstUser.hover();
      await firstUser.getByTestId('message-edit').click();
      await page.getByTestId('message-edit-input').fill(`直した質問 ${tag} [[scenario:numbered]]`);
      await page.getByTestId('message-edit-save').click();
      await expect(switchOf(page, 'message-user')).toHaveText('2 / 2');
      await expect(page.getByTestId('message-user')).toHaveCount(1);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(lastReply(page)).toContainText('直した質問');
      const [edited] = await expectUpstreamRequests(`直した質問 ${tag}`, 1);
      expect(edited.body.messages.map((m) => m.role)).toEqual(['system', 'user']);

      await switchOf(page, 'message-user').getByTestId('version-prev').click();
      await expect(switchOf(page, 'message-user')).toHaveText('1 / 2');
      await expect(page.getByTestId('message-user')).toHaveCount(2);
      await expect(replySwitch).toHaveText('1 / 3');
      await expect(lastReply(page)).toContainText(`続き ${tag}`);

      // Reload: every version is still there, the one shown last is shown.
      await page.reload();
      await expect(switchOf(page, 'message-user')).toHaveText('1 / 2');
      await expect(replySwitch).toHaveText('1 / 3');
      await expect(page.getByTestId('message-user').nth(1)).toContainText(`続き ${tag}`);

      // Export every conversation as JSON and import it into a fresh browser.
      const download = page.waitForEvent('download');
      await page.getByTestId('history-export-all').click();
      const file = await readFile((await (await download).path())!, 'utf8');
      const fresh = await browser.newContext({ locale, baseURL: testInfo.project.use.baseURL });
      const other = await fresh.newPage();
      await openChat(other, locale);
      await other.getByTestId('history-import-file').setInputFiles({
        name: 'conversations.json',
        mimeType: 'application/json',
        buffer: Buffer.from(file),
      });
      // History search finds text that is only in a version not shown (the edited question).
      const items = other.getByTestId('conversation-item');
      await other.getByTestId('history-search').fill('直した質問');
      await expect(items).toHaveCount(1);
      await other.getByTestId('history-search').fill(`見当たらない ${tag}`);
      await expect(items).toHaveCount(0);
      await other.getByTestId('history-search').fill('');
      await items.filter({ hasText: tag }).getByRole('link').click();
      const importedSwitch = switchOf(other, 'message-assistant');
      await expect(importedSwitch).toHaveText('1 / 3');
      await expect(other.getByTestId('message-user').nth(1)).toContainText(`続き ${tag}`);
      for (const n of [2, 3]) {
        await importedSwitch.getByTestId('version-next').click();
        await expect(importedSwitch).toHaveText(`${n} / 3`);
        await expect(other.getByTestId('message-assistant').first()).toContainText(`回答その${n}`);
      }
      await expect(other.getByTestId('message-user')).toHaveCount(1);
      await switchOf(other, 'message-user').getByTestId('version-next').click();
      await expect(other.getByTestId('message-user')).toContainText('直した質問');
      await expect(lastReply(other)).toContainText('直した質問');
      await fresh.close();
    });
  });
}
