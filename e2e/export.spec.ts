import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SHOWCASE } from './fake-upstream/showcase.mjs';
import { cutTitle, firstLine } from '../lib/shared/history/title';
import { lastReply, MESSAGES, openChat, sendMessage, behaviourLocales } from './support';

/**
 * A PDF's text as pdf.js reads it (its Node build), without white space; the Kangxi radicals
 * Chromium's fonts map some ideographs to (⽅ for 方) read as the ideographs.
 */
async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  let text = '';
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text.replace(/[\u2E80-\u2FDF]/g, (c) => c.normalize('NFKC')).replace(/\s+/g, '');
}

/** A PNG's size, from its IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const locale of behaviourLocales('ja')) {
  const t = MESSAGES[locale];

  test.describe(`conversation export (${locale})`, () => {
    test.use({ locale });

    test('PDF: the print view is the conversation with its title and date, Japanese read back with pdf.js; PNG of it in the theme', async ({
      page,
    }) => {
      await page.addInitScript(() => {
        (window as unknown as { __printed: number }).__printed = 0;
        window.print = () => void (window as unknown as { __printed: number }).__printed++;
      });
      await openChat(page, locale);
      const { question } = SHOWCASE.ja;
      await sendMessage(page, question);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      // As when it is opened from the history: Markdown's renderer not loaded yet; the export waits for it.
      await page.reload();

      const item = page.getByTestId('conversation-item').first();
      await item.getByTestId('conversation-menu').click();
      await expect(item.getByTestId('conversation-export-pdf')).toHaveText(t.history.exportPdf);
      await item.getByTestId('conversation-export-pdf').click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

      await page.emulateMedia({ media: 'print' });
      // The header carries the conversation's title: its first line, cut as the sidebar cuts it (issue #37).
      await expect(page.getByTestId('print-header')).toContainText(cutTitle(firstLine(question)));
      await expect(page.locator('[data-markdown="pending"]')).toHaveCount(0);
      for (const chrome of ['composer', 'chat-header', 'conversation-item', 'message-actions'])
        await expect(page.getByTestId(chrome).first()).toBeHidden();
      const text = await pdfText(new Uint8Array(await page.pdf({ format: 'A4' })));
      expect(text).toContain('東京の天気を取得するなら、気象庁の公開JSONを使うのが手軽です。');
      expect(text).toContain(question.replace(/\s+/g, ''));
      // Code wrapped, not cut off: the end of its longest line is in the PDF.
      expect(text).toContain("forecast/data/forecast/130000.json';");
      expect(text).not.toContain(t.chat.composerPlaceholder.replace(/\s+/g, ''));

      await page.emulateMedia({ media: 'screen' });
      await item.getByTestId('conversation-menu').click();
      const conversation = page.locator('[data-export="conversation"]');
      const box = (await conversation.boundingBox())!;
      const download = page.waitForEvent('download');
      await item.getByTestId('conversation-export-image').click();
      const file = await (await download).path();
      const { width, height } = pngSize(readFileSync(file));
      expect(width).toBe(Math.round(box.width * 2));
      expect(Math.abs(height - Math.round(box.height * 2))).toBeLessThanOrEqual(2);

      // One reply, for posting: the question and the reply, their width, without their controls.
      const list = page.locator('[data-export="conversation"] > [role="list"]');
      const listBox = (await list.boundingBox())!;
      const asked = (await page.getByTestId('message-user').last().boundingBox())!;
      const reply = (await lastReply(page).boundingBox())!;
      const controls = (await lastReply(page).getByTestId('message-actions').boundingBox())!;
      await expect(lastReply(page).getByTestId('reply-export-image')).toHaveText(t.chat.replyImage);
      const replyDownload = page.waitForEvent('download');
      await lastReply(page).getByTestId('reply-export-image').click();
      const replyPng = pngSize(readFileSync(await (await replyDownload).path()));
      // 16 px of margin around them (IMAGE_MARGIN); both action rows left out.
      expect(replyPng.width).toBe(Math.round((listBox.width + 32) * 2));
      const shown = reply.y + reply.height - asked.y + 32;
      expect(replyPng.height).toBeLessThan(Math.round(shown * 2));
      expect(replyPng.height).toBeGreaterThanOrEqual(Math.round((shown - 2 * controls.height - 16) * 2));
    });
  });
}
