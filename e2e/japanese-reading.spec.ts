import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { JAPANESE_HEADING, JAPANESE_REPLY_LINKS, LINE_BREAK_EN, LINE_BREAK_JA } from './fake-upstream/japanese.mjs';
import { lastReply, LOCALES, openChat, sendMessage, uniqueTag } from './support';

// Issue 18: Japanese Markdown as a Japanese reader expects it, wherever a reply is shown. The
// japanese-markdown scenario streams the texts cut inside `**` and `~~` and before 。、」）.

/** What the reply must be, read from the DOM: emphasis in elements, no markers left, links that end at the URL. */
async function expectJapaneseMarkdown(reply: Locator) {
  await expect(reply.locator('strong')).toHaveText(['「重要」', '重要です。', '注意：', '3月31日（月）', 'bold']);
  await expect(reply.locator('em')).toHaveText(['単語']);
  await expect(reply.locator('del')).toHaveText(['「古い情報」', 'struck']);
  await expect(reply.locator('a[href]')).toHaveText(JAPANESE_REPLY_LINKS);
  const hrefs = await reply.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(JAPANESE_REPLY_LINKS);
  // 期限は stays plain between the two bold phrases.
  const deadline = reply.locator('p', { hasText: '期限は' });
  expect(await deadline.evaluate((p) => p.innerHTML)).toBe(
    '<strong>注意：</strong>期限は<strong>3月31日（月）</strong>までです。',
  );
  const text = await reply.innerText();
  expect(text).not.toContain('**');
  expect(text).not.toContain('~~');
  expect(text).toContain('https://example.com/docs。次の章へ');
}

/**
 * Sends the scenario and keeps the reply's HTML as it was at the first moment the whole text was
 * on screen while still streaming (the scenario holds the stream open 2 s after its last piece).
 */
async function streamJapaneseReply(page: Page): Promise<string> {
  await page.evaluate((lastWords) => {
    const state = window as unknown as { __streamedHtml?: string };
    const observer = new MutationObserver(() => {
      const reply = [...document.querySelectorAll('[data-testid="message-assistant"]')].at(-1);
      if (reply?.getAttribute('data-status') !== 'streaming' || !reply.querySelector('.prose-chat strong')) return;
      if (!reply.textContent?.includes(lastWords)) return;
      state.__streamedHtml = reply.outerHTML;
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, LINE_BREAK_EN.trim().slice(-30));
  await sendMessage(page, `[[scenario:japanese-markdown]] ${uniqueTag()}`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const html = await page.evaluate(() => (window as unknown as { __streamedHtml?: string }).__streamedHtml);
  expect(html, 'the whole reply was on screen while it streamed').toBeTruthy();
  return html!;
}

async function expectInFreshPage(browser: Browser, html: string) {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="ja"><body>${html}</body></html>`);
  await expectJapaneseMarkdown(page.getByTestId('message-assistant'));
  await page.close();
}

test.describe('Japanese Markdown (ja)', () => {
  test.use({ locale: 'ja' });
  // Two browsers each, and a reply held open for 2 s: more than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 60_000 });

  test('renders while streaming, when done and after a reload (history)', async ({ page, browser }) => {
    await openChat(page, 'ja');
    const streamed = await streamJapaneseReply(page);
    await expectInFreshPage(browser, streamed);
    await expectJapaneseMarkdown(lastReply(page));

    await expect(page).toHaveURL(/\/ja\/c\/\w+$/);
    await page.reload();
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    await expectJapaneseMarkdown(lastReply(page));
  });

  test('renders in a conversation imported into another browser', async ({ page, browser }) => {
    await openChat(page, 'ja');
    await sendMessage(page, `[[scenario:japanese-markdown]] ${uniqueTag()}`);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    const download = page.waitForEvent('download');
    await page.getByTestId('history-export-all').click();
    const file = await readFile((await (await download).path())!, 'utf8');

    const other = await browser.newContext({ locale: 'ja' });
    const importer = await other.newPage();
    await openChat(importer, 'ja');
    await importer
      .getByTestId('history-import-file')
      .setInputFiles({ name: 'conversations.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await importer.getByTestId('conversation-item').first().getByRole('link').click();
    await expectJapaneseMarkdown(lastReply(importer));
    await other.close();
  });

  test('renders in a conversation loaded from a share link', async ({ page, browser }) => {
    await openChat(page, 'ja');
    await sendMessage(page, `[[scenario:japanese-markdown]] ${uniqueTag()}`);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    await page.getByTestId('share-open').click();
    await page.getByTestId('share-include-conversation').check();
    await expect(page.getByTestId('share-url')).toHaveValue(/share\?p=1\./);
    const link = await page.getByTestId('share-url').inputValue();

    const visitor = await browser.newContext({ locale: 'ja' });
    const shared = await visitor.newPage();
    await shared.goto(link);
    await shared.getByTestId('share-load').click();
    await expectJapaneseMarkdown(shared.getByTestId('message-assistant'));
    await visitor.close();
  });
});

/** The first character of each line a paragraph is laid out in, where it is, and the one before it. */
function lineStarts(paragraph: Locator): Promise<{ char: string; before: string; index: number }[]> {
  return paragraph.evaluate((p) => {
    const text = p.firstChild as Text;
    const range = document.createRange();
    const starts: { char: string; before: string; index: number }[] = [];
    let lastTop = -Infinity;
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || text.data[i] === ' ') continue;
      if (rect.top > lastTop + 2) {
        starts.push({ char: text.data[i], before: text.data[i - 1] ?? '', index: i });
        lastTop = rect.top;
      }
    }
    return starts;
  });
}

for (const locale of LOCALES) {
  test.describe(`line breaking on a phone (${locale})`, () => {
    test.use({ locale, viewport: { width: 390, height: 844 } });

    test('Japanese never starts a line with 。、」）; English breaks between words; Japanese headings between phrases', async ({
      page,
    }) => {
      await openChat(page, locale);
      await sendMessage(page, `[[scenario:japanese-markdown]] ${uniqueTag()}`);
      const reply = lastReply(page);
      await expect(reply).toHaveAttribute('data-status', 'done');

      const japanese = reply.locator('p', { hasText: LINE_BREAK_JA.slice(0, 20) });
      await expect(japanese).toHaveCSS('line-break', 'strict');
      const jaStarts = await lineStarts(japanese);
      expect(jaStarts.length).toBeGreaterThan(5);
      for (const { char } of jaStarts) expect('。、」）').not.toContain(char);

      const english = reply.locator('p', { hasText: LINE_BREAK_EN.slice(0, 20) });
      const enStarts = await lineStarts(english);
      expect(enStarts.length).toBeGreaterThan(3);
      for (const { before } of enStarts.slice(1)) expect(before).toBe(' ');

      // A Japanese heading says it is Japanese, in the English UI too, and breaks between phrases.
      const heading = reply.getByRole('heading', { name: JAPANESE_HEADING });
      await expect(heading).toHaveAttribute('lang', 'ja');
      await expect(heading).toHaveCSS('word-break', 'auto-phrase');
      // 日本語の|見出しは|文節の|区切りで|折り返します: it wraps on a phone, only between these.
      const headingStarts = (await lineStarts(heading)).map(({ index }) => index);
      expect(headingStarts.length).toBeGreaterThan(1);
      for (const index of headingStarts) expect([0, 4, 8, 11, 15]).toContain(index);
      // Buttons follow the page's language: phrases in Japanese, words in English.
      await expect(page.getByTestId('send')).toHaveCSS('word-break', locale === 'ja' ? 'auto-phrase' : 'normal');
    });
  });
}
