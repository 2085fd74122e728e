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

const LINE_PX = 24; // text-base: 16 px at line-height 1.5

async function composerBox(page: Page) {
  return page.getByTestId('composer').evaluate((el: HTMLTextAreaElement) => ({
    height: el.getBoundingClientRect().height,
    scrolls: el.scrollHeight > el.clientHeight,
  }));
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1} 行目の文章です`).join('\n');

for (const mode of ['field-sizing', 'script fallback'] as const) {
  test(`the composer grows with its text to about 8 lines, then scrolls (${mode})`, async ({ page }) => {
    if (mode === 'script fallback') {
      // A browser without field-sizing (Firefox): the height comes from script.
      await page.addInitScript(() => {
        const supports = CSS.supports.bind(CSS);
        CSS.supports = ((...args: [string, string?]) =>
          String(args[0]).includes('field-sizing') ? false : supports(...(args as [string]))) as typeof CSS.supports;
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = '#composer { field-sizing: fixed !important; }';
          document.head.append(style);
        });
      });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await openChat(page, 'ja');
    const composer = page.getByTestId('composer');
    const one = await composerBox(page);
    expect(one.height).toBeLessThan(LINE_PX * 2 + 16);

    await composer.fill(lines(3));
    await expect.poll(async () => (await composerBox(page)).height).toBeGreaterThanOrEqual(LINE_PX * 3);
    const three = await composerBox(page);
    expect(three.scrolls).toBe(false);

    await composer.fill(lines(30));
    await expect.poll(async () => (await composerBox(page)).scrolls).toBe(true);
    const capped = await composerBox(page);
    expect(capped.height).toBeGreaterThanOrEqual(LINE_PX * 7.5);
    expect(capped.height).toBeLessThanOrEqual(LINE_PX * 9);

    // Back to one line: it shrinks again.
    await composer.fill('短い');
    await expect.poll(async () => (await composerBox(page)).height).toBe(one.height);
  });
}

for (const locale of behaviourLocales('en')) {
  test.describe(`drafts (${locale})`, () => {
    test.use({ locale });
    test(`each conversation keeps its draft across switching and reloading`, async ({ page }) => {
      test.slow(); // two conversations and three page loads
      await page.setViewportSize({ width: 1280, height: 800 });
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      const tagA = uniqueTag();
      const tagB = uniqueTag();

      await sendMessage(page, `A ${tagA}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(composer).toHaveValue('');
      const urlA = page.url();
      await composer.fill('A の下書き：まだ送らない');

      // A new chat starts empty; its own draft is kept too.
      await page.getByTestId('new-chat').click();
      await expect(composer).toHaveValue('');
      await sendMessage(page, `B ${tagB}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await composer.fill('B draft\n二行目');

      const item = (tag: string) => page.getByTestId('conversation-item').filter({ hasText: tag });
      await item(tagA).getByRole('link').first().click();
      await expect(page).toHaveURL(urlA);
      await expect(composer).toHaveValue('A の下書き：まだ送らない');
      await item(tagB).getByRole('link').first().click();
      await expect(composer).toHaveValue('B draft\n二行目');

      // Reloaded at once (the write is debounced: the page writes what is pending as it goes).
      await page.reload();
      await expect(composer).toHaveValue('B draft\n二行目');
      await page.goto(urlA);
      await expect(composer).toHaveValue('A の下書き：まだ送らない');

      // The new chat's draft survives a reload of the start page; sending clears it. (Its URL
      // comes with the router's navigation, a server round trip: a reload before it reopens A.)
      await page.getByTestId('new-chat').click();
      await expect(page).toHaveURL(new RegExp(`/${locale}$`));
      await expect(composer).toHaveValue('');
      await composer.fill('新しいチャットの下書き');
      await page.reload();
      await expect(composer).toHaveValue('新しいチャットの下書き');
      await page.getByTestId('send').click();
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await page.getByTestId('new-chat').click();
      await expect(composer).toHaveValue('');
    });

    test(`text typed while a reloaded conversation opens stays in its composer`, async ({ page }) => {
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await sendMessage(page, `C ${uniqueTag()}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      const url = page.url();

      // Typed as soon as the page takes it: the saved conversation is still being read then (it
      // emptied the composer when it opened, and the text went to the new chat's draft).
      await page.reload();
      await composer.fill('開く前に打った文');
      await expect(page.getByTestId('message-user')).toHaveCount(1);
      await expect(composer).toHaveValue('開く前に打った文');
      await expect(page.getByTestId('send')).toBeEnabled();
      // It is this conversation's draft: a new chat starts empty, and it is back on return.
      await page.getByTestId('new-chat').click();
      await expect(composer).toHaveValue('');
      await page.goto(url);
      await expect(composer).toHaveValue('開く前に打った文');
    });

    test(`text typed before the page's code runs stays in the reloaded conversation's composer`, async ({ page }) => {
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await sendMessage(page, `C ${uniqueTag()}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      // The page's scripts held back until the text is in: typed into the server's HTML.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/_next/static/chunks/**/*.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await composer.fill('コードより先に打った文');
      release();
      await expect(page.getByTestId('message-user')).toHaveCount(1);
      await expect(composer).toHaveValue('コードより先に打った文');
    });
  });
}

for (const locale of behaviourLocales('en')) {
  test.describe(`Enter on a touch keyboard (${locale})`, () => {
    // A phone: touch only, no mouse or trackpad ((pointer: coarse), no fine pointer).
    test.use({ locale, hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

    test('Enter makes a new line, the send button sends', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      await composer.fill(`${tag} 件名：打ち合わせのお礼`);
      await composer.press('Enter');
      await composer.pressSequentially('本文：先日はありがとうございました。');
      await composer.press('Enter');
      await expect(composer).toHaveValue(`${tag} 件名：打ち合わせのお礼\n本文：先日はありがとうございました。\n`);
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      // The screen reader hears how this keyboard works; no Shift+Enter hint is shown.
      await expect(page.locator('#composer-hint')).toHaveText(MESSAGES[locale].chat.sendHintTouch);
      await expect(page.getByTestId('composer-newline-hint')).toBeHidden();

      await page.getByTestId('send').tap();
      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body.messages.at(-1)!.content).toBe(
        `${tag} 件名：打ち合わせのお礼\n本文：先日はありがとうございました。`,
      );
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
    });
  });

  test.describe(`Enter on a desktop (${locale})`, () => {
    test.use({ locale, viewport: { width: 1280, height: 800 } });

    test('Enter sends, Shift+Enter is a new line, and the hint says so', async ({ page }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await expect(page.getByTestId('composer-newline-hint')).toHaveText(MESSAGES[locale].chat.newlineHint);
      await expect(page.locator('#composer-hint')).toHaveText(MESSAGES[locale].chat.sendHint);
      const composer = page.getByTestId('composer');
      await composer.fill(`${tag} 一行目`);
      await composer.press('Shift+Enter');
      await composer.pressSequentially('二行目');
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      await composer.press('Enter');
      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body.messages.at(-1)!.content).toBe(`${tag} 一行目\n二行目`);
      await expect(composer).toHaveValue('');
    });
  });
}
