/**
 * The README's screenshots: a real conversation in the built app (against the fake upstream's
 * showcase replies), in ja and en × light and dark × desktop and phone. Used by
 * `npm run screenshots` (scripts/screenshots.ts) and by e2e/screenshots.spec.ts, which runs this
 * same code against the test app so it cannot rot.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { SHOWCASE } from '../../e2e/fake-upstream/showcase.mjs';

export const SHOT_LOCALES = ['ja', 'en'] as const;
export const SHOT_THEMES = ['light', 'dark'] as const;
export const SHOT_DEVICES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
/** Each committed image stays under this (README loads eight of them). */
export const MAX_SHOT_BYTES = 200 * 1024;

export interface Shot {
  file: string;
  bytes: number;
  locale: (typeof SHOT_LOCALES)[number];
  theme: (typeof SHOT_THEMES)[number];
  device: keyof typeof SHOT_DEVICES;
}

export function shotName(shot: Pick<Shot, 'locale' | 'theme' | 'device'>): string {
  return `${shot.locale}-${shot.device}-${shot.theme}.png`;
}

async function settle(page: Page) {
  // Two frames: layout and paint after a viewport or colour-scheme change.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function converse(page: Page, baseURL: string, locale: Shot['locale']) {
  await page.goto(`${baseURL}/${locale}`);
  const composer = page.getByTestId('composer');
  const send = page.getByTestId('send');
  // Hydrated once typing enables the send button.
  await composer.fill(SHOWCASE[locale].question);
  await send.waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="send"]') as HTMLButtonElement).disabled);
  await send.click();
  await page.locator('[data-testid="message-assistant"][data-status="done"]').waitFor();
  await page.locator('[data-testid="message-assistant"] pre code.hljs span').first().waitFor();
  // The context meter with its figures, not "counting" (its token worker loads the tokenizer first).
  await page.locator('[data-testid="context-meter"]:not([data-state="counting"])').waitFor({ timeout: 60_000 });
  // Nothing focused (no focus ring on the send button), the conversation from its start.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Writes the eight screenshots into `outDir` and returns them with their sizes. */
export async function captureScreenshots(options: { browser: Browser; baseURL: string; outDir: string }) {
  const { browser, baseURL, outDir } = options;
  await mkdir(outDir, { recursive: true });
  const shots: Shot[] = [];
  for (const locale of SHOT_LOCALES) {
    const context = await browser.newContext({
      locale,
      viewport: SHOT_DEVICES.desktop,
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    try {
      const page = await context.newPage();
      await converse(page, baseURL, locale);
      for (const theme of SHOT_THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        for (const [device, viewport] of Object.entries(SHOT_DEVICES) as [
          Shot['device'],
          typeof SHOT_DEVICES.desktop,
        ][]) {
          await page.setViewportSize(viewport);
          await page.evaluate(() => document.querySelector('[data-scroll-container]')?.scrollTo(0, 0));
          await settle(page);
          const file = join(outDir, shotName({ locale, theme, device }));
          await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
          shots.push({ file, bytes: (await stat(file)).size, locale, theme, device });
        }
      }
    } finally {
      await context.close();
    }
  }
  return shots;
}
