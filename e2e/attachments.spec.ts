import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import llama3Tokenizer from 'llama3-tokenizer-js';
import { createTranslator } from 'next-intl';
import { MAX_DOCUMENT_CHARS } from '../lib/shared/model/profile';
import { MAX_ATTACHMENT_BYTES } from '../lib/client/attachments/extract';
import { documentBlock } from '../lib/shared/ai/turns';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  type TestLocale,
  uniqueTag,
  behaviourLocales,
} from './support';

// Issue #19: files attached to a message. Made in the test: a UTF-8 Markdown file, an oversized
// file, an unsupported one; the e2e app budgets a 4,096-token window.

const MINUTES = `# 定例会議 議事録

- 日時: 2026年12月4日（金）10:00〜11:00
- 出席者: 山田、佐藤、鈴木

## 決定事項

1. 来期の予算案は「据え置き」とする。
2. 次回は12月11日（金）に開催する。
`;

// The first count waits for the token worker to build the Llama 3 vocabulary (~1.5 s on an idle
// machine, over 10 s on a busy CI runner).
const TOKENIZER_LOAD = { timeout: 45_000 };

const chips = (page: Page) => page.locator('form').getByTestId('attachment');
const formatNumber = (locale: TestLocale, n: number) => new Intl.NumberFormat(locale).format(n);
const errorText = (locale: TestLocale, code: keyof (typeof MESSAGES)['ja']['attachments']['errors'], name: string) =>
  MESSAGES[locale].attachments.errors[code].replace('{name}', name).replace('{limit}', '10 MB');

async function attach(page: Page, name: string, text: string, mimeType = 'text/markdown') {
  await page.getByTestId('attach-input').setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

test.describe('attachments (ja)', () => {
  test.use({ locale: 'ja' });

  test('a Markdown file: chip with its exact token count, sent delimited before the message, kept on reload, export and import', async ({
    page,
  }) => {
    test.slow();
    const tag = uniqueTag();
    const name = `議事録-${tag}.md`;
    await openChat(page, 'ja');
    await attach(page, name, MINUTES);
    const chip = chips(page);
    await expect(chip).toHaveCount(1);
    await expect(chip).toContainText(name);
    await expect(chip).toContainText('B'); // its size
    // The exact count, as the server's tokenizer gives it for the block the model will read.
    const tokens = llama3Tokenizer.encode(documentBlock({ name, text: MINUTES }), { bos: false, eos: false }).length;
    await expect(chip.getByTestId('attachment-tokens')).toHaveText(
      `${formatNumber('ja', tokens)} トークン`,
      TOKENIZER_LOAD,
    );
    await expect(page.getByTestId('context-meter')).toHaveAttribute('data-state', 'ok');

    await page.getByTestId('composer').fill('この議事録の決定事項を箇条書きにしてください。');
    await page.getByTestId('send').click();
    const [request] = await expectUpstreamRequests(tag, 1);
    const sent = request.body.messages.at(-1)!;
    expect(sent.role).toBe('user');
    expect(sent.content).toBe(
      `<document name="${name}">\n${MINUTES.trimEnd()}\n</document>\n\nこの議事録の決定事項を箇条書きにしてください。`,
    );
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

    // The conversation shows a chip, not the file's text; the composer's chips went with the message.
    const message = page.getByTestId('message-user');
    await expect(message.getByTestId('attachment')).toContainText(name);
    await expect(message).not.toContainText('出席者');
    await expect(chips(page)).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('message-user').getByTestId('attachment')).toContainText(name);

    // Export (JSON and Markdown) and import keep the document with its message.
    const item = page.getByTestId('conversation-item').filter({ hasText: 'この議事録の決定事項' });
    const markdownDownload = page.waitForEvent('download');
    await item.getByTestId('conversation-menu').click();
    await item.getByTestId('conversation-export-markdown').click();
    const markdown = await readFile((await (await markdownDownload).path())!, 'utf8');
    expect(markdown).toContain('来期の予算案は「据え置き」とする。');
    const download = page.waitForEvent('download');
    await page.getByTestId('history-export-all').click();
    const file = await readFile((await (await download).path())!, 'utf8');
    const [exported] = JSON.parse(file).conversations;
    expect(exported.messages[0].documents).toEqual([
      { name, size: Buffer.byteLength(MINUTES), kind: 'text', text: MINUTES, encoding: 'utf-8' },
    ]);
    await item.getByTestId('conversation-menu').click();
    await item.getByTestId('conversation-delete').click();
    await expect(item).toHaveCount(0);
    // Deleting the open conversation starts a new chat at /ja: import on that page, not on the one
    // being replaced (a file chosen on a detached input reaches no handler).
    await expect(page).toHaveURL(/\/ja$/);
    await page
      .getByTestId('history-import-file')
      .setInputFiles({ name: 'conversations.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(page.getByTestId('history-import-error')).toHaveCount(0);
    await expect(page.getByTestId('conversation-item')).toHaveCount(1);
    await item.getByRole('link').click();
    await expect(page.getByTestId('message-user').getByTestId('attachment')).toContainText(name);

    // Share links do not carry documents, and the dialog says so.
    await page.getByTestId('share-open').click();
    await expect(page.getByTestId('share-documents-notice')).toHaveText(MESSAGES.ja.share.documentsNotShared);
  });
});

for (const locale of behaviourLocales('en')) {
  test.describe(`attachments (${locale})`, () => {
    test.use({ locale });

    test('drag-and-drop and paste attach files; bad files get a localized error and nothing is lost', async ({
      page,
    }) => {
      test.slow();
      await openChat(page, locale);
      const draft = locale === 'ja' ? '下書きは消えません' : 'the draft stays';
      await page.getByTestId('composer').fill(draft);

      // Drag and drop onto the chat: a drop zone shows while dragging.
      const dropped = await page.evaluateHandle(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['ドラッグした メモ'], 'dropped.txt', { type: 'text/plain' }));
        return transfer;
      });
      const main = page.locator('main');
      await main.dispatchEvent('dragenter', { dataTransfer: dropped });
      await expect(page.getByTestId('drop-zone')).toHaveText(MESSAGES[locale].attachments.dropHere);
      await main.dispatchEvent('drop', { dataTransfer: dropped });
      await expect(page.getByTestId('drop-zone')).toHaveCount(0);
      await expect(chips(page).filter({ hasText: 'dropped.txt' })).toHaveAttribute('data-status', 'ready');

      // Paste of a file into the composer.
      await page.getByTestId('composer').evaluate((textarea) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['貼り付けた メモ'], 'pasted.txt', { type: 'text/plain' }));
        textarea.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      });
      await expect(chips(page).filter({ hasText: 'pasted.txt' })).toHaveAttribute('data-status', 'ready');

      // An oversized file (made in the page: 10 MiB through the protocol is slow) and an unsupported type.
      await page.getByTestId('attach-input').evaluate((input: HTMLInputElement, bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes).fill(0x61)], 'huge.csv', { type: 'text/csv' }));
        transfer.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'photo.png', { type: 'image/png' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, MAX_ATTACHMENT_BYTES + 1);
      const errors = page.getByTestId('attachment-error');
      await expect(errors).toHaveCount(2);
      await expect(errors.filter({ hasText: 'huge.csv' })).toHaveText(errorText(locale, 'too_large', 'huge.csv'));
      await expect(errors.filter({ hasText: 'photo.png' })).toHaveText(
        errorText(locale, 'unsupported_type', 'photo.png'),
      );
      await expect(page.getByTestId('composer')).toHaveValue(draft);
      await expect(chips(page)).toHaveCount(2);

      // A chip can be removed before sending; the other stays.
      await chips(page).filter({ hasText: 'pasted.txt' }).getByTestId('attachment-remove').click();
      await expect(chips(page)).toHaveCount(1);
      await expect(chips(page)).toContainText('dropped.txt');

      if (locale === 'en') {
        // Sent with its document: share links do not carry documents, and the dialog says so (ja: above).
        await page.getByTestId('send').click();
        await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
        await page.getByTestId('share-open').click();
        await expect(page.getByTestId('share-documents-notice')).toHaveText(MESSAGES.en.share.documentsNotShared);
      }
    });

    test('the context meter: over the window it says by how much and what to do, and sending waits', async ({
      page,
    }) => {
      await openChat(page, locale);
      const meter = page.getByTestId('context-meter');
      test.slow();
      await page.getByTestId('composer').fill('短い質問');
      await expect(meter).toHaveAttribute('data-state', 'ok', TOKENIZER_LOAD);
      const window = Number(await meter.getAttribute('data-window'));
      expect(window).toBe(4096);

      await attach(page, 'big.txt', '長めの段落です。'.repeat(600), 'text/plain');
      await expect(meter).toHaveAttribute('data-state', 'over');
      const used = Number(await meter.getAttribute('data-used'));
      const over = Number(await meter.getAttribute('data-over'));
      expect(over).toBe(used - window);
      expect(over).toBeGreaterThan(0);
      const expected = MESSAGES[locale].contextMeter.over
        .replace('{over}', formatNumber(locale, over))
        .replace('{window}', formatNumber(locale, window));
      await expect(page.getByTestId('context-over')).toHaveText(expected);
      await expect(page.getByTestId('send')).toBeDisabled();
      await page.getByTestId('composer').press('Enter');
      await expect(page.getByTestId('message-user')).toHaveCount(0);

      // Removing the file is one of the ways out.
      await chips(page).getByTestId('attachment-remove').click();
      await expect(meter).toHaveAttribute('data-state', 'ok');
      await expect(page.getByTestId('send')).toBeEnabled();

      // A file over what the server takes of one document says so as soon as it is read.
      await attach(page, 'long.txt', 'a'.repeat(MAX_DOCUMENT_CHARS + 1), 'text/plain');
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'attachments' });
      await expect(page.getByTestId('attachment-too-long')).toHaveText(
        t('tooLong', { name: 'long.txt', chars: MAX_DOCUMENT_CHARS + 1, limit: MAX_DOCUMENT_CHARS }),
      );
      await expect(page.getByTestId('send')).toBeDisabled();
      await chips(page).getByTestId('attachment-remove').click();
      await expect(page.getByTestId('attachment-too-long')).toHaveCount(0);
      await expect(page.getByTestId('send')).toBeEnabled();
    });
  });
}
