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

test('scripts the chat page runs at startup are compiled as they stream; chunks loaded on use are not', async ({ page }) => {
  const startup = watchScripts(page);
  await page.goto('/ja', { waitUntil: 'load' });
  await expect(page.getByTestId('composer')).toBeEditable();
  const atStartup = await hinted(startup);
  expect(Object.keys(atStartup).length).toBeGreaterThan(3);
  expect(Object.entries(atStartup).filter(([, hint]) => !hint)).toEqual([]);

  // The chat runtime and the Markdown renderer arrive once the visitor engages, and a reply shows.
  const later = watchScripts(page);
  const seen = new Set(Object.keys(atStartup));
  const tag = uniqueTag();
  await sendMessage(page, `hello ${tag}`);
  await expect(lastReply(page).locator('pre code')).toContainText('greeting');
  const lazy = Object.entries(await hinted(later)).filter(([url]) => !seen.has(url));
  expect(lazy.length).toBeGreaterThan(0);
  expect(lazy.filter(([, hint]) => hint)).toEqual([]);
});
