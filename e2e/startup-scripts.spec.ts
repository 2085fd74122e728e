import { expect, test, type Page, type Response } from '@playwright/test';
import { COMPILE_HINT } from '../lib/deploy/compile-hints';
import { lastReply, sendMessage, uniqueTag } from './support';

/** Scripts the page receives from now on: URL → whether the body starts with the compile hint. */
function watchScripts(page: Page): Map<string, Promise<boolean>> {
  const scripts = new Map<string, Promise<boolean>>();
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.set(new URL(response.url()).pathname, response.text().then((body) => body.startsWith(`${COMPILE_HINT}\n`)));
  });
  return scripts;
}

async function hinted(scripts: Map<string, Promise<boolean>>): Promise<Record<string, boolean>> {
  return Object.fromEntries(await Promise.all([...scripts].map(async ([url, hint]) => [url, await hint] as const)));
}

test('scripts a page runs at startup are compiled as they stream; chunks only loaded on use are not', async ({ page }) => {
  // A chunk another page starts with (the share page validates its link at once) is hinted too.
  const startupOfAnyPage = new Set<string>();
  for (const path of ['/ja/model', '/ja/share']) {
    const scripts = watchScripts(page);
    await page.goto(path, { waitUntil: 'load' });
    for (const [url, hint] of Object.entries(await hinted(scripts))) {
      expect(hint, `${path}: ${url}`).toBe(true);
      startupOfAnyPage.add(url);
    }
  }

  const startup = watchScripts(page);
  await page.goto('/ja', { waitUntil: 'load' });
  await expect(page.getByTestId('composer')).toBeEditable();
  const atStartup = await hinted(startup);
  expect(Object.keys(atStartup).length).toBeGreaterThan(3);
  expect(Object.entries(atStartup).filter(([, hint]) => !hint)).toEqual([]);
  Object.keys(atStartup).forEach((url) => startupOfAnyPage.add(url));

  // The chat runtime and the Markdown renderer arrive once the visitor engages, and a reply shows.
  const later = watchScripts(page);
  await sendMessage(page, `hello ${uniqueTag()}`);
  await expect(lastReply(page).locator('pre code')).toContainText('greeting');
  const lazy = Object.entries(await hinted(later)).filter(([url]) => !startupOfAnyPage.has(url));
  expect(lazy.length).toBeGreaterThan(0);
  expect(lazy.filter(([, hint]) => hint)).toEqual([]);
});
