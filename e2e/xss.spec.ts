import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../lib/shared/share/codec';
import { XSS_TEXT } from './fake-upstream.mjs';
import { lastReply, openChat, sendMessage, uniqueTag } from './support';

test.use({ locale: 'en' });

/** Fails the test on any dialog, and records CSP violations and script side effects. */
function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingInjected(page: Page, dialogs: string[]) {
  // Give any onerror/onload/ontoggle handler a chance to run before checking.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  const injected = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('main script, main iframe, main svg script, main object, main embed')]
      .length,
    handlers: [...document.querySelectorAll('main *')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
    badLinks: [...document.querySelectorAll('main a[href], main img[src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
      .filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
    details: document.querySelectorAll('main details, main math').length,
  }));
  expect(injected).toEqual({ scripts: 0, handlers: 0, badLinks: [], details: 0 });
}

test('markdown from the model never runs script or injects elements', async ({ page }) => {
  const dialogs = watch(page);
  await openChat(page, 'en');
  await sendMessage(page, `[[scenario:xss]] ${uniqueTag()}`);
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply).toContainText('XSS-PROBE-END');
  // Raw HTML is shown as text, not dropped silently.
  await expect(reply).toContainText('<script>window.__xss = 1;');
  await expect(reply).toContainText('<iframe src=');
  // Links with a dangerous scheme keep their text but lose the target.
  await expect(reply.getByText('javascript link')).toBeVisible();
  await expectNothingInjected(page, dialogs);
});

test('a shared link with hostile content previews and loads without running it', async ({ page }) => {
  const dialogs = watch(page);
  const hostile = XSS_TEXT.split('\n\n').slice(1, -1).join(' ');
  const encoded = await encodeShare({
    v: 1,
    name: `<img src=x onerror="alert('name')">`,
    systemPrompt: hostile,
    model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
    params: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
    draft: hostile,
    messages: [
      { role: 'user', content: hostile },
      { role: 'assistant', content: XSS_TEXT },
    ],
  });
  await page.goto(`/en/share?p=${encoded}`);
  await expect(page.locator('main')).toContainText('<script>');
  await expectNothingInjected(page, dialogs);
  await page.getByTestId('share-load').click();
  await expect(page.getByTestId('message-assistant').first()).toContainText('XSS-PROBE-END');
  await expectNothingInjected(page, dialogs);
});
