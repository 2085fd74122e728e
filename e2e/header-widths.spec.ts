import { expect, test, type Page } from '@playwright/test';
import { BUILTIN_PRESETS, localize } from '../lib/shared/presets/preset';
import { LOCALES, MESSAGES, openChat, placeInServerHtml, type TestLocale } from './support';

/** Phones, a tablet, laptops and a desktop: the widths of issue #31. Below 1024 px: touch widths. */
const WIDTHS = [320, 360, 768, 1024, 1180, 1280, 1920];
const TOUCH_BELOW = 1024;

/** The longest built-in preset name in a language: the widest chip the header must hold. */
function longestPreset(locale: TestLocale) {
  const name = (preset: (typeof BUILTIN_PRESETS)[number]) => localize(preset.name, locale);
  const [longest] = [...BUILTIN_PRESETS].sort((a, b) => name(b).length - name(a).length);
  return { id: longest.id, name: name(longest) };
}

interface Overflow {
  what: string;
  scroll: number;
  client: number;
}

/** Elements cut off inside (scrollWidth > clientWidth), among those that must never be. */
async function truncated(page: Page, selector: string): Promise<Overflow[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((el) => (el as HTMLElement).offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => ({
        what: el.getAttribute('data-testid') ?? el.textContent ?? el.tagName,
        scroll: el.scrollWidth,
        client: el.clientWidth,
      })),
  );
}

/** Resized: media queries fire, the header re-renders, the chip is measured — two frames later it has settled. */
async function resize(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))),
  );
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The header's own controls where they stand (row or open menu), by test id or text. */
const CONTROLS = '[data-testid="chat-header"] :is(button, a, select, label:has(select))';
const MENU_ITEMS = '[data-testid="header-menu"] :is(button, a, label)';

async function checkHeader(page: Page, width: number) {
  const header = page.getByTestId('chat-header');
  // One row (56 px; at most 64 with a safe-area inset).
  expect((await header.boundingBox())!.height, `${width}: header height`).toBeLessThanOrEqual(64);
  expect(await sideways(page), `${width}: page scrolls sideways by`).toBeLessThanOrEqual(0);
  expect(await truncated(page, '[data-testid="app-name"]'), `${width}: app name`).toEqual([]);
  expect(await truncated(page, '[data-testid="active-preset"]'), `${width}: preset chip`).toEqual([]);
  expect(await truncated(page, CONTROLS), `${width}: header controls`).toEqual([]);
  // Every control fully inside the window.
  const outside = await page.locator(CONTROLS).evaluateAll((elements) =>
    elements
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ id: el.getAttribute('data-testid') ?? el.textContent, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth))
      .map(({ id }) => id),
  );
  expect(outside, `${width}: controls outside the window`).toEqual([]);
  if (width < TOUCH_BELOW) {
    for (const control of await header.locator(':is(button, a, select)').all()) {
      if (!(await control.isVisible())) continue;
      const box = (await control.boundingBox())!;
      const name = (await control.getAttribute('data-testid')) ?? (await control.getAttribute('aria-label'));
      expect(box.width, `${width}: ${name} width`).toBeGreaterThanOrEqual(44);
      expect(box.height, `${width}: ${name} height`).toBeGreaterThanOrEqual(44);
    }
  }
  const toggle = page.getByTestId('header-menu-toggle');
  if (await toggle.isVisible()) {
    await toggle.click();
    await expect(page.getByTestId('header-menu')).toBeVisible();
    expect(await truncated(page, MENU_ITEMS), `${width}: menu labels`).toEqual([]);
    // One line each: a label that wraps ("テー/マ") is cut short too.
    const tall = await page
      .locator(MENU_ITEMS)
      .evaluateAll((items) => items.filter((el) => el.getBoundingClientRect().height > 48).map((el) => el.textContent));
    expect(tall, `${width}: menu rows on two lines`).toEqual([]);
    const menu = (await page.getByTestId('header-menu').boundingBox())!;
    expect(menu.x, `${width}: menu inside the window`).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width, `${width}: menu inside the window`).toBeLessThanOrEqual(width);
    expect(await sideways(page), `${width}: menu open, page scrolls sideways by`).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('header-menu')).toBeHidden();
  }
}

/** Where the chip and each control stand at a width, for the report (and the test log). */
async function layoutAt(page: Page) {
  return page.evaluate(() => {
    const visible = (id: string) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      return !!el && el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
    };
    const ids = ['presets-open', 'compare-open', 'share-open', 'model-page-link', 'view-code', 'theme-select'];
    return {
      chip: visible('active-preset'),
      row: [...ids, 'locale-switcher'].filter((id) => visible(id)),
      menu: visible('header-menu-toggle'),
    };
  });
}

for (const locale of LOCALES) {
  const preset = longestPreset(locale);

  test.describe(`header at every width (${locale})`, () => {
    test.use({ locale, viewport: { width: 1280, height: 800 } });
    // Seven widths, each with the menu opened: longer than one page's check.
    test.slow();

    test('name, chip and labels whole, nothing sideways, 44 px targets below 1024 px', async ({ page }) => {
      await openChat(page, locale);
      for (const width of WIDTHS) {
        await resize(page, width);
        await checkHeader(page, width);
        // The app's name and new chat at every width; presets and share from 640 px.
        await expect(page.getByTestId('app-name')).toHaveText(MESSAGES[locale].app.name);
        await expect(page.getByTestId('new-chat')).toBeVisible();
        if (width >= 640) {
          await expect(page.getByTestId('presets-open')).toBeVisible();
          await expect(page.getByTestId('share-open')).toBeVisible();
        }
        // The default preset's chip is shown whole from a laptop's width.
        if (width >= 1024) await expect(page.getByTestId('active-preset')).toBeVisible();
        console.log(locale, width, JSON.stringify(await layoutAt(page)));
      }
    });

    test(`with the longest built-in preset (${preset.id}), changed`, async ({ page }) => {
      await openChat(page, locale);
      await page.getByTestId('presets-open').click();
      await page
        .locator(`[data-testid="preset-item"][data-preset-id="${preset.id}"]`)
        .getByTestId('preset-apply')
        .click();
      await expect(page.getByTestId('active-preset')).toContainText(preset.name);
      // Changed by hand: the chip carries the "changed" badge too.
      await page.getByTestId('system-prompt').fill('自分で書き換えた指示 / an instruction changed by hand');
      await expect(page.getByTestId('active-preset')).toHaveAttribute('data-modified', 'true');
      for (const width of WIDTHS) {
        await resize(page, width);
        await checkHeader(page, width);
        if (width >= 1280) await expect(page.getByTestId('active-preset')).toBeVisible();
        console.log(locale, width, 'longest', JSON.stringify(await layoutAt(page)));
      }
    });
  });
}

test.describe('the header as the server sent it', () => {
  // A phone's width: most of the row's controls belong to the "…" menu there.
  test.use({ viewport: { width: 360, height: 740 } });

  test('loading moves no header control; they move when the menu first opens, each once', async ({ page }) => {
    // Every control of the server's HTML is marked once the HTML is parsed (before the app's scripts
    // hydrate it), in the header or still in the streamed part React moves into it (hidden S:…
    // divs): a control rendered again by the browser (moved into the menu) carries no mark.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const el of document.querySelectorAll(
          '[data-testid="chat-header"] [data-testid], div[hidden][id^="S:"] [data-testid]',
        ))
          el.setAttribute('data-from-server', '');
      });
    });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto('/ja');
    await page.waitForLoadState('load');
    // React's work after hydration (the header's actions are hydrated when the page is idle) is
    // done before the browser is idle twice.
    await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(() => resolve(null)))),
    );
    // The preset's chip too: the server renders the deployment's defaults, as the browser hydrates them.
    const rendered = await page
      .locator('[data-testid="chat-header"] [data-testid]:not([data-from-server])')
      .evaluateAll((elements) => elements.map((el) => el.getAttribute('data-testid')));
    expect(rendered).toEqual([]);
    expect(errors).toEqual([]);
    await expect(page.getByTestId('share-open')).toBeHidden();

    await page.getByTestId('header-menu-toggle').click();
    await expect(page.getByTestId('header-menu').getByTestId('share-open')).toBeVisible();
    await expect(page.getByTestId('header-menu').getByTestId('theme-select')).toBeAttached();
    for (const id of ['share-open', 'presets-open', 'theme-select', 'locale-switcher'])
      await expect(page.getByTestId(id), id).toHaveCount(1);
  });
});

test("the chat is in place in the server's HTML, not streamed after the page", async ({ request }) => {
  // ChatApp is in a Suspense boundary of its own (ChatPage): it must stay small enough for React
  // to write it in place, or a first paint and a reader without JavaScript would have no chat.
  for (const path of ['/ja', '/en', '/ja/c/not-saved-here', '/en/share']) {
    const html = await (await request.get(path)).text();
    for (const testId of ['chat-header', 'composer', 'send'])
      expect(placeInServerHtml(html, testId), `${path}: ${testId}`).toBe('in place');
  }
});
