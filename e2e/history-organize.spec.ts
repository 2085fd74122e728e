import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { cutTitle } from '@/lib/shared/history/title';
import {
  expectUpstreamRequests,
  headerControl,
  lastReply,
  LOCALES,
  MESSAGES,
  openChat,
  sendMessage,
  startNewChat,
  uniqueTag,
  upstreamRequests,
  waitForApp,
} from './support';

// Issue #37: titles by the model, pins and date groups, temporary chat, presets that know today.

const byId = (page: Page, id: string) =>
  page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
/** The title as the sidebar shows it (the item's link). */
const titleOf = (page: Page, id: string) => byId(page, id).getByRole('link');
const openId = (page: Page) => new URL(page.url()).pathname.split('/').at(-1)!;
/** Sunday 6 December 2026, noon in Tokyo (03:00 UTC; still Saturday evening in New York). */
const NOON_TOKYO = new Date('2026-12-06T12:00:00+09:00');
const DAY = 86_400_000;

async function chatOnce(page: Page, text: string) {
  await sendMessage(page, text);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
}

async function menuAction(page: Page, id: string, action: string) {
  await byId(page, id).getByTestId('conversation-menu').click();
  await byId(page, id).getByTestId(action).click();
}

for (const locale of LOCALES) {
  const t = MESSAGES[locale];

  test.describe(`history that organizes itself (${locale})`, () => {
    test.use({ locale, timezoneId: 'Asia/Tokyo' });

    test('the model titles a conversation after its first reply, once; a failure keeps the first line; a rename stays', async ({
      page,
    }) => {
      const tag = uniqueTag();
      const modelTitle = locale === 'ja' ? '京都の週末プラン' : 'Weekend in Kyoto';
      await openChat(page, locale);

      // 1. One title request after the first reply, none after the second; the sidebar shows it.
      await chatOnce(page, `週末に京都へ行きます ${tag}\n[[title=${modelTitle}]]`);
      const id = openId(page);
      const [asked] = await expectUpstreamRequests(tag, 1, 'title');
      expect(asked.body.stream).not.toBe(true);
      expect(asked.body.max_tokens).toBeLessThanOrEqual(64);
      await expect(titleOf(page, id)).toHaveText(modelTitle);
      await chatOnce(page, `もう少し詳しく ${tag}`);
      await expect(titleOf(page, id)).toHaveText(modelTitle);
      expect(await upstreamRequests(tag, 'title')).toHaveLength(1);

      // 2. The model fails: the first line stays, cut between words.
      const failTag = uniqueTag();
      const line = 'TypeScript で東京の天気を取得するコードを書いてください';
      await startNewChat(page);
      await chatOnce(page, `${line}\n${failTag} [[title:fail]]`);
      const failed = openId(page);
      await expect.poll(async () => (await upstreamRequests(failTag, 'title'))[0]?.finished).toBe(true);
      await expect(titleOf(page, failed)).toHaveText(cutTitle(line));

      // 3. Renamed while the model's title is on its way: the name stays, after a reload too.
      const slowTag = uniqueTag();
      await startNewChat(page);
      await chatOnce(page, `名前を付け直す会話 ${slowTag}\n[[title:slow]]`);
      const renamed = openId(page);
      await menuAction(page, renamed, 'conversation-rename');
      await page.getByTestId('conversation-rename-input').fill('わたしの名前');
      await page.getByTestId('conversation-rename-save').click();
      await expect(titleOf(page, renamed)).toHaveText('わたしの名前');
      await expect
        .poll(async () => (await upstreamRequests(slowTag, 'title'))[0]?.finished, { timeout: 15_000 })
        .toBe(true);
      await page.reload();
      await expect(titleOf(page, renamed)).toHaveText('わたしの名前');
      await expect(titleOf(page, id)).toHaveText(modelTitle);

      // 4. Turned off in settings: no title request, the first line stays. (Once the reloaded page
      // is hydrated: a click before it toggles the server's HTML only, as it did once in a full run.)
      const offTag = uniqueTag();
      await waitForApp(page);
      await page.getByTestId('model-titles').uncheck();
      await startNewChat(page);
      await chatOnce(page, `タイトルは要らない ${offTag}`);
      await chatOnce(page, `二つ目 ${offTag}`);
      expect(await upstreamRequests(offTag, 'title')).toHaveLength(0);
      await expect(titleOf(page, openId(page))).toHaveText(`タイトルは要らない ${offTag}`);
    });

    test('pins stay on top and the rest is grouped by day, through reload, export and import', async ({
      page,
      browser,
    }) => {
      const tag = uniqueTag();
      await page.clock.install({ time: NOON_TOKYO });
      // Four conversations last changed today, yesterday, five days ago and a month ago (Tokyo time).
      const ages = { today: 0, yesterday: 1, week: 5, older: 30 } as const;
      const conversations = Object.entries(ages).map(([name, days], i) => ({
        v: 1,
        id: `${tag.replace(/[^a-z0-9]/g, '')}${i}`,
        title: `${name} ${tag}`,
        titleEdited: false,
        createdAt: NOON_TOKYO.getTime() - days * DAY - 60_000,
        updatedAt: NOON_TOKYO.getTime() - days * DAY,
        settings: {
          model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
          temperature: 0.6,
          topP: 0.9,
          maxTokens: 512,
          systemPrompt: '',
          presetId: null,
        },
        messages: [{ id: `m${i}`, role: 'user', text: `${name} ${tag}` }],
      }));
      const file = { format: 'swallow-chat/conversations', version: 1, exportedAt: NOON_TOKYO, conversations };
      const [today, yesterday, week, older] = conversations.map((c) => c.id);
      const groups = t.history.groups;

      await openChat(page, locale);
      await page.getByTestId('history-import-file').setInputFiles({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
      const headings = page.getByTestId('history-group');
      await expect(headings).toHaveText([groups.today, groups.yesterday, groups.week, groups.older]);
      for (const [group, id] of [
        ['today', today],
        ['yesterday', yesterday],
        ['week', week],
        ['older', older],
      ])
        await expect(page.locator(`[data-group="${group}"]`).locator(`[data-conversation-id="${id}"]`)).toBeVisible();

      // Reading a conversation is not a change: opened, it keeps its day (nothing is rewritten).
      await titleOf(page, week).click();
      await expect(page.getByTestId('message-user')).toContainText(`week ${tag}`);
      await page.reload();
      await expect(page.getByTestId('message-user')).toContainText(`week ${tag}`);
      await expect(headings).toHaveText([groups.today, groups.yesterday, groups.week, groups.older]);
      await expect(page.locator('[data-group="week"]').locator(`[data-conversation-id="${week}"]`)).toBeVisible();

      // Pinning the oldest puts it on top; its date group empties.
      await menuAction(page, older, 'conversation-pin');
      const expectPinned = async (target: Page) => {
        await expect(target.getByTestId('history-group-pinned')).toHaveText(groups.pinned);
        await expect(byId(target, older)).toHaveAttribute('data-pinned', 'true');
        await expect(target.locator('[data-testid="conversation-item"][data-pinned="true"]')).toHaveCount(1);
        await expect(target.getByTestId('conversation-item').filter({ hasText: tag }).first()).toHaveAttribute(
          'data-conversation-id',
          older,
        );
        await expect(target.getByTestId('history-group')).toHaveText([groups.today, groups.yesterday, groups.week]);
      };
      await expectPinned(page);
      await page.reload();
      await expectPinned(page);

      const download = page.waitForEvent('download');
      await page.getByTestId('history-export-all').click();
      const exported = await readFile(await (await download).path(), 'utf8');
      expect(JSON.parse(exported).conversations.find((c: { id: string }) => c.id === older)).toMatchObject({
        pinned: true,
      });

      // Imported into a browser that has none of them: the same pins and groups.
      const { baseURL } = test.info().project.use;
      const fresh = await browser.newContext({ baseURL, locale, timezoneId: 'Asia/Tokyo' });
      const other = await fresh.newPage();
      await other.clock.install({ time: NOON_TOKYO });
      await openChat(other, locale);
      await other.getByTestId('history-import-file').setInputFiles({
        name: 'export.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await expectPinned(other);
      await fresh.close();
    });

    test('a temporary chat is never saved and is gone after a reload; it can be exported while open', async ({
      page,
    }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await page.getByTestId('temporary-chat').check();
      await expect(page.getByTestId('temporary-banner')).toContainText(t.chat.temporary.banner);
      await chatOnce(page, `一時的な質問 ${tag}`);
      await expect(page).toHaveURL(new RegExp(`/${locale}$`));
      await expect(page.getByTestId('conversation-item').filter({ hasText: tag })).toHaveCount(0);
      await expect(page.getByTestId('temporary-note')).toHaveText(t.chat.temporary.composerNote);

      const download = page.waitForEvent('download');
      await page.getByTestId('temporary-export-json').click();
      expect(await readFile(await (await download).path(), 'utf8')).toContain(tag);

      // The page asks before the reply is discarded; after the reload nothing is left anywhere.
      const dialogs: string[] = [];
      page.once('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.accept();
      });
      await page.reload();
      expect(dialogs).toEqual(['beforeunload']);
      await expect(page.getByTestId('composer')).toBeEditable();
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      await expect(page.getByTestId('temporary-chat')).not.toBeChecked();
      await expect(page.getByTestId('conversation-item').filter({ hasText: tag })).toHaveCount(0);
      const stored = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('swallow-chat');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const names = [...db.objectStoreNames];
        const records = names.includes('conversations')
          ? await new Promise<unknown[]>((resolve) => {
              const request = db.transaction('conversations').objectStore('conversations').getAll();
              request.onsuccess = () => resolve(request.result);
            })
          : [];
        return JSON.stringify(records) + JSON.stringify({ ...localStorage });
      });
      expect(stored).not.toContain(tag);
    });

    test('a preset with {{date}} reaches the upstream filled in, in the user’s zone and language', async ({ page }) => {
      const tag = uniqueTag();
      const date = locale === 'ja' ? '2026年12月6日（日）' : 'Sunday, December 6, 2026';
      await page.clock.install({ time: NOON_TOKYO });
      await openChat(page, locale);
      await (await headerControl(page, 'presets-open')).click();
      await page.getByTestId('preset-new').click();
      await page.getByTestId('preset-name').fill(`日付つき ${tag}`);
      await page.getByTestId('preset-system-prompt').fill('今日は{{date}}です。{{unknown}} {{locale}}');
      await expect(page.getByTestId('preset-variables')).toContainText('{{weekday}}');
      await expect(page.getByTestId('preset-prompt-preview')).toHaveText(`今日は${date}です。{{unknown}} ${locale}`);
      await page.getByTestId('preset-save').click();
      await page.getByTestId('user-presets').getByTestId('preset-apply').click();
      // The prompt keeps its variables; each request fills them.
      await expect(page.getByTestId('system-prompt')).toHaveValue('今日は{{date}}です。{{unknown}} {{locale}}');

      await chatOnce(page, `今日は何曜日？ ${tag}`);
      const [sent] = await expectUpstreamRequests(tag, 1);
      expect(sent.body.messages[0]).toEqual({ role: 'system', content: `今日は${date}です。{{unknown}} ${locale}` });
      await (await headerControl(page, 'view-code')).click();
      await expect(page.getByTestId('view-code-dialog').getByTestId('code-snippet').first()).toContainText(date);
    });
  });
}

test.describe('presets that know today, in another time zone', () => {
  test.use({ locale: 'en', timezoneId: 'America/New_York' });

  test('{{date}} is the date where the user is', async ({ page }) => {
    const tag = uniqueTag();
    await page.clock.install({ time: NOON_TOKYO });
    await openChat(page, 'en');
    await page.getByTestId('system-prompt').fill('Today is {{date}}, {{weekday}}.');
    await chatOnce(page, `What day is it? ${tag}`);
    const [sent] = await expectUpstreamRequests(tag, 1);
    expect(sent.body.messages[0].content).toBe('Today is Saturday, December 5, 2026, Saturday.');
  });
});
