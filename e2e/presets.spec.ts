import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectUpstreamRequests, MESSAGES, openChat, sendMessage, uniqueTag, behaviourLocales } from './support';

const item = (page: Page, id: string) => page.locator(`[data-testid="preset-item"][data-preset-id="${id}"]`);
const userItems = (page: Page) => page.getByTestId('user-presets').getByTestId('preset-item');

async function openPresets(page: Page) {
  await page.getByTestId('presets-open').click();
  await expect(page.getByTestId('presets-panel')).toBeVisible();
}

async function createPreset(page: Page, name: string, prompt: string) {
  await page.getByTestId('preset-new').click();
  await page.getByTestId('preset-name').fill(name);
  await page.getByTestId('preset-system-prompt').fill(prompt);
  await page.getByTestId('preset-temperature').fill('1.1');
  await page.getByTestId('preset-save').click();
  await expect(userItems(page).filter({ hasText: name })).toBeVisible();
}

for (const locale of behaviourLocales('en')) {
  const t = MESSAGES[locale].presets;

  test.describe(`presets (${locale})`, () => {
    test.use({ locale });

    test('applying a built-in sends its system prompt and parameters upstream', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await openPresets(page);
      await page.getByTestId('presets-search').fill(locale === 'ja' ? '和文英訳' : 'Japanese → English');
      await expect(page.getByTestId('preset-item')).toHaveCount(1);
      await item(page, 'translate-ja-en').getByTestId('preset-apply').click();
      await expect(page.getByTestId('presets-panel')).toBeHidden();

      await expect(page.getByTestId('active-preset')).toContainText(
        locale === 'ja' ? '和文英訳' : 'Japanese → English',
      );
      await expect(page.getByTestId('active-preset')).toHaveAttribute('data-modified', 'false');
      await sendMessage(page, `おはようございます ${tag}`);
      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body).toMatchObject({ temperature: 0.2, top_p: 0.9, max_tokens: 1024 });
      expect(request.body.messages[0].content).toContain(
        locale === 'ja' ? 'プロの翻訳者です' : 'professional translator',
      );

      // Editing the prompt by hand marks the preset modified.
      await page.getByTestId('system-prompt').fill('自由に書き換えた指示');
      await expect(page.getByTestId('active-preset')).toHaveAttribute('data-modified', 'true');
      await expect(page.getByTestId('active-preset')).toContainText(t.modified);
    });

    test('"use in a new chat" clears the conversation and shows the preset\u2019s starters', async ({ page }) => {
      await openChat(page, locale);
      await sendMessage(page, `最初の会話 ${uniqueTag()}`);
      await expect(page.getByTestId('message-assistant')).toHaveAttribute('data-status', 'done');
      await openPresets(page);
      await item(page, 'coding-help').getByTestId('preset-apply-new-chat').click();
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      const starter = page.getByTestId('starter').first();
      await expect(starter).toBeVisible();
      const text = await starter.innerText();
      await starter.click();
      await expect(page.getByTestId('composer')).toHaveValue(text);
      await expect(page.getByTestId('composer')).toBeFocused();
    });

    test('create, edit, delete with undo; all of it survives a reload', async ({ page }) => {
      await openChat(page, locale);
      await openPresets(page);
      await createPreset(page, '議事録まとめ', '会議のメモを議事録の形に整えてください。');

      await page.reload();
      await openPresets(page);
      const mine = userItems(page);
      await expect(mine).toHaveCount(1);
      await expect(mine).toContainText('議事録まとめ');

      await mine.getByTestId('preset-edit').click();
      await expect(page.getByTestId('preset-temperature')).toHaveValue('1.1');
      await page.getByTestId('preset-name').fill('議事録まとめ（改）');
      await page.getByTestId('preset-save').click();
      await expect(mine).toContainText('議事録まとめ（改）');

      await mine.getByTestId('preset-delete').click();
      await expect(userItems(page)).toHaveCount(0);
      await expect(page.getByTestId('presets-notice')).toContainText('議事録まとめ（改）');
      await page.getByTestId('preset-undo').click();
      await expect(userItems(page)).toHaveCount(1);

      await page.reload();
      await openPresets(page);
      await expect(userItems(page)).toContainText('議事録まとめ（改）');
      await userItems(page).getByTestId('preset-apply').click();
      await expect(page.getByTestId('system-prompt')).toHaveValue('会議のメモを議事録の形に整えてください。');
      await expect(page.getByTestId('param-temperature')).toHaveValue('1.1');
    });

    test('a built-in can be duplicated but not edited or deleted', async ({ page }) => {
      await openChat(page, locale);
      await openPresets(page);
      const builtin = item(page, 'business-email');
      await expect(builtin.getByTestId('preset-edit')).toHaveCount(0);
      await expect(builtin.getByTestId('preset-delete')).toHaveCount(0);
      await builtin.getByTestId('preset-duplicate').click();
      await expect(page.getByTestId('preset-name')).toHaveValue(
        locale === 'ja' ? 'ビジネスメール作成（コピー）' : 'Japanese business email (copy)',
      );
      await page.getByTestId('preset-save').click();
      await expect(userItems(page)).toHaveCount(1);
      await expect(item(page, 'business-email')).toHaveCount(1);
    });

    test('export → import round trip, and an import never overwrites', async ({ page }) => {
      await openChat(page, locale);
      await openPresets(page);
      await createPreset(page, '書き出しテスト', 'テスト用の指示');

      const downloadPromise = page.waitForEvent('download');
      await page.getByTestId('preset-export').click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(/^swallow-chat-presets-\d{4}-\d{2}-\d{2}\.json$/);
      const file = await readFile((await download.path())!, 'utf8');
      expect(JSON.parse(file)).toMatchObject({
        format: 'swallow-chat/presets',
        version: 1,
        presets: [{ name: '書き出しテスト' }],
      });

      await userItems(page).getByTestId('preset-delete').click();
      await expect(userItems(page)).toHaveCount(0);
      const upload = { name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(file) };
      await page.getByTestId('preset-import-file').setInputFiles(upload);
      await expect(userItems(page)).toHaveCount(1);
      await expect(userItems(page)).toContainText('書き出しテスト');

      // The same file again: the copy gets a new id, the original stays.
      await page.getByTestId('preset-import-file').setInputFiles(upload);
      await expect(userItems(page)).toHaveCount(2);
      await expect(page.getByTestId('presets-notice')).toContainText(locale === 'ja' ? '別の ID' : 'new id');
    });

    test('bad import files are refused with a precise reason, and nothing is added', async ({ page }) => {
      await openChat(page, locale);
      await openPresets(page);
      const valid = {
        id: 'p',
        name: 'x',
        description: '',
        systemPrompt: 'y',
        params: { temperature: 0.5, topP: 0.9, maxTokens: 100 },
        starters: [],
      };
      const files: { content: string; expected: RegExp }[] = [
        { content: 'これは JSON ではない', expected: new RegExp(escape(t.importErrors.not_json)) },
        {
          content: JSON.stringify([{ ...valid, params: { ...valid.params, temperature: 9 } }]),
          expected: new RegExp(escape(t.importErrors.wrong_shape.replace('{number}', '1'))),
        },
        { content: JSON.stringify({ hello: 'world' }), expected: new RegExp(escape(t.importErrors.wrong_file)) },
        { content: '[]', expected: new RegExp(escape(t.importErrors.empty)) },
        {
          content: JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ ...valid, id: `p-${i}` }))),
          expected: /101/,
        },
        { content: `[${' '.repeat(300 * 1024)}]`, expected: /KB/ },
      ];
      for (const { content, expected } of files) {
        await page
          .getByTestId('preset-import-file')
          .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
        const error = page.getByTestId('preset-import-error');
        await expect(error).toContainText(t.importErrors.title);
        await expect(error).toContainText(expected);
        // In words: never the validator's own text (paths, "Invalid input").
        await expect(error).not.toContainText(/Invalid input|params\.|format:/);
        await expect(userItems(page)).toHaveCount(0);
      }
    });

    test('works with the keyboard alone: focus stays in the panel, Escape closes, focus returns', async ({ page }) => {
      await openChat(page, locale);
      const opener = page.getByTestId('presets-open');
      await opener.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByTestId('presets-panel');
      await expect(panel).toBeVisible();
      await expect(page.getByRole('dialog', { name: t.title })).toBeVisible();
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press('Tab');
        const inside = await panel.evaluate(
          (dialog) => dialog.contains(document.activeElement) || document.activeElement === document.body,
        );
        expect(inside).toBe(true);
      }
      // Reach a preset's apply button by keyboard and use it.
      await page.getByTestId('presets-search').focus();
      await page.keyboard.type(locale === 'ja' ? '3行' : 'Three-line');
      const apply = item(page, 'summary-3-lines').getByTestId('preset-apply');
      for (let i = 0; i < 10 && !(await apply.evaluate((el) => el === document.activeElement)); i += 1)
        await page.keyboard.press('Tab');
      await expect(apply).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel).toBeHidden();
      await expect(opener).toBeFocused();
      await expect(page.getByTestId('active-preset')).toHaveAttribute('data-preset-id', 'summary-3-lines');

      await page.keyboard.press('Enter');
      await expect(panel).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
      await expect(opener).toBeFocused();
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
