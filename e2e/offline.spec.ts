import { expect, test, type Page } from '@playwright/test';
import { ASSET_CACHE, SHELL_CACHE } from '../lib/shared/offline/offline-cache';
import { LOCALES, MESSAGES, lastReply, openChat, sendMessage, uniqueTag } from './support';

// The service worker (lib/client/runtime/sw/service-worker.ts): the app opens offline, reads and
// searches its history and presets, refuses to send at once with the draft kept; it never keeps
// an API response or any page but the shell; a newer worker takes over and the page offers a
// reload that brings a fresh page.
test.use({ serviceWorkers: 'allow' });

/** Every URL in the worker's caches, by cache. */
function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return out;
  });
}

/** Waits until the worker controls the page and keeps the shell and every build file the page loaded. */
async function waitForOfflineCopy(page: Page, locale: string) {
  await expect
    .poll(
      () =>
        page.evaluate(
          async ([shellCache, assetCache, shell]) => {
            if (!navigator.serviceWorker.controller) return 'no worker';
            if (!(await (await caches.open(shellCache)).match(shell))) return 'no shell';
            const assets = await caches.open(assetCache);
            const loaded = performance
              .getEntriesByType('resource')
              .map((entry) => new URL(entry.name))
              .filter((url) => url.pathname.startsWith('/_next/static/'));
            for (const url of loaded) if (!(await assets.match(url.pathname + url.search))) return `missing ${url}`;
            return 'ready';
          },
          [SHELL_CACHE, ASSET_CACHE, `/${locale}`],
        ),
      { timeout: 20_000 },
    )
    .toBe('ready');
}

for (const locale of LOCALES) {
  const t = MESSAGES[locale];

  test.describe(locale, () => {
    test.use({ locale });

    test('offline: opens, reads and searches history and presets; sending says offline at once and keeps the draft', async ({
      page,
      context,
    }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await sendMessage(page, `offline ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(lastReply(page)).toContainText(tag);
      await expect(page).toHaveURL(new RegExp(`/${locale}/c/`));
      await waitForOfflineCopy(page, locale);

      await context.setOffline(true);
      await page.reload();
      // The saved conversation, from IndexedDB, in the kept page (its scripts ran: React rendered it).
      await expect(page.getByTestId('message-user')).toContainText(tag);
      await expect(lastReply(page)).toContainText(tag);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(page.getByTestId('offline-notice')).toHaveText(t.chat.offline);

      // History and presets: listed and searched.
      const history = page.getByTestId('history-search');
      if (!(await history.isVisible())) await page.getByTestId('history-toggle').click();
      await history.fill(tag);
      await expect(page.getByTestId('conversation-item')).toHaveCount(1);
      await history.fill(`${tag}-nothing`);
      await expect(page.getByTestId('conversation-item')).toHaveCount(0);
      await history.fill('');
      await page.getByTestId('presets-open').click();
      const firstPreset = page.getByTestId('preset-item').first();
      const presetName = (await firstPreset.getByRole('heading').first().innerText()).trim();
      await page.getByTestId('presets-search').fill(presetName);
      await expect(page.getByTestId('preset-item').first()).toContainText(presetName);
      await page.getByTestId('presets-close').click();
      await expect(page.getByTestId('presets-panel')).toBeHidden();

      // Sending: refused at once, the draft stays, nothing new in the conversation.
      const draft = `offline draft ${tag}`;
      await page.getByTestId('composer').fill(draft);
      await page.getByTestId('send').click();
      await expect(page.getByTestId('offline-notice')).toHaveText(t.chat.offlineNotSent);
      await expect(page.getByTestId('composer')).toHaveValue(draft);
      await expect(page.getByTestId('message-user')).toHaveCount(1);

      // Back online: the same draft sends.
      await context.setOffline(false);
      await expect(page.getByTestId('offline-notice')).toHaveCount(0);
      await page.getByTestId('send').click();
      await expect(page.getByTestId('message-user')).toHaveCount(2);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(page.getByTestId('composer')).toHaveValue('');

      // Kept: the build's files and the shell only; never an API response or another page.
      const cached = await cachedUrls(page);
      const all = Object.values(cached).flat();
      expect(all.filter((path) => path.startsWith('/api'))).toEqual([]);
      expect(all.filter((path) => !path.startsWith('/_next/static/'))).toEqual([`/${locale}`]);
      expect(cached[SHELL_CACHE]).toEqual([`/${locale}`]);
    });
  });
}

test.describe('update', () => {
  test.use({ locale: 'en' });

  test('a newer worker takes over the open page, which offers a reload that brings a fresh page', async ({ page }) => {
    await openChat(page, 'en');
    await waitForOfflineCopy(page, 'en');
    const nonceBefore = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce);
    await expect(page.getByTestId('app-update')).toHaveCount(0);

    // A new build's worker is a new script at the same scope: it installs, skips waiting and claims the page.
    await page.evaluate(() => navigator.serviceWorker.register('/sw.js?build=next', { scope: '/' }));
    await expect(page.getByTestId('app-update')).toHaveText(new RegExp(MESSAGES.en.app.updateReady));
    await page.getByTestId('app-update-reload').click();
    await expect(page.getByTestId('app-update')).toHaveCount(0);
    await expect(page.getByTestId('composer')).toBeEditable();
    const after = await page.evaluate(() => ({
      worker: navigator.serviceWorker.controller?.scriptURL,
      nonce: document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce,
    }));
    expect(after.worker).toMatch(/\/sw\.js\?build=next$/);
    // The page came from the server (a new nonce), not from the worker's copy.
    expect(after.nonce).toBeTruthy();
    expect(after.nonce).not.toBe(nonceBefore);
  });
});
