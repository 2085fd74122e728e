import { expect, test, type Page } from '@playwright/test';
import data from '../data/swallow-benchmarks.json' with { type: 'json' };
import { headerControl, LOCALES, MESSAGES, openChat } from './support';

const SWALLOW = 'Llama 3.1 Swallow 8B Instruct';
const SUITE_IDS = ['ja', 'en', 'mtBench'] as const;
const score = (suite: number, model: string, benchmark: string) =>
  (data.suites[suite].models.find((m) => m.model === model)!.scores as Record<string, number>)[benchmark];

/** Every JavaScript file the page loaded, with its text. */
function collectScripts(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.text().catch(() => ''));
  });
  return bodies;
}

for (const locale of LOCALES) {
  const t = MESSAGES[locale].model;

  test(`the model page's header is one row at every width (${locale})`, async ({ page }) => {
    test.slow();
    for (const width of [320, 360, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/${locale}/model`);
      const header = page.getByTestId('model-header');
      expect((await header.boundingBox())!.height, `${width}`).toBeLessThanOrEqual(64);
      const back = header.getByRole('link', { name: t.backToChat });
      await expect(back).toBeVisible();
      const box = (await back.boundingBox())!;
      if (width < 1024) expect(Math.min(box.width, box.height), `${width}: back link`).toBeGreaterThanOrEqual(44);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
    }
  });

  test.describe(`model page (${locale})`, () => {
    test.use({ locale });

    test('is linked from the chat and has its own title and description', async ({ page }) => {
      await openChat(page, locale);
      await (await headerControl(page, 'model-page-link')).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/model$`));
      await expect(page).toHaveTitle(t.meta.title);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', t.meta.description);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
      await expect(page.getByTestId('license-llama')).toHaveAttribute(
        'href',
        'https://www.llama.com/llama3_1/license/',
      );
      await expect(page.getByTestId('license-gemma')).toHaveAttribute('href', 'https://ai.google.dev/gemma/terms');
      await expect(page.getByTestId('model-facts')).toContainText(t.facts.release);
    });

    test('charts every model of the three tables, Swallow highlighted, with setting and metric', async ({ page }) => {
      await page.goto(`/${locale}/model`);
      for (const [i, id] of SUITE_IDS.entries()) {
        const suite = page.locator(`[data-testid="benchmark-suite"][data-suite="${id}"]`);
        await expect(suite.getByRole('heading', { level: 3 })).toHaveText(t.charts.suites[id].title);
        const chart = suite.getByTestId('benchmark-chart');
        const bars = chart.getByTestId('chart-bar');
        await expect(bars).toHaveCount(data.suites[i].models.length);
        await expect(chart.locator('[data-highlight]')).toHaveCount(1);
        await expect(chart.locator('[data-highlight]')).toHaveAttribute('data-model', SWALLOW);
        const average = data.suites[i].average_column;
        await expect(chart).toHaveAttribute('data-benchmark', average);
        await expect(chart.locator(`[data-model="${SWALLOW}"]`)).toContainText(score(i, SWALLOW, average).toFixed(4));
        // Screen readers get a summary of the chart.
        await expect(chart.getByRole('img')).toHaveAttribute('aria-label', new RegExp(SWALLOW));
      }

      // Switching benchmark redraws the chart with that column's numbers, setting and metric.
      const ja = page.locator('[data-testid="benchmark-suite"][data-suite="ja"]');
      const chart = ja.getByTestId('benchmark-chart');
      // The page is static HTML: a click before React hydrates is lost, so retry until it takes.
      await expect(async () => {
        await ja
          .locator('label')
          .filter({ hasText: /^MGSM$/ })
          .click();
        await expect(chart).toHaveAttribute('data-benchmark', 'MGSM', { timeout: 1000 });
      }).toPass();
      await expect(chart.getByTestId('chart-setting')).toHaveText('4-shot');
      await expect(chart.getByTestId('chart-metric')).toHaveText('EM acc');
      // Best first: Qwen2.5-7B-Instruct's 0.6240 tops MGSM.
      await expect(chart.getByTestId('chart-bar').first()).toHaveAttribute('data-model', 'Qwen2.5-7B-Instruct');
      await expect(chart.getByTestId('chart-bar').first()).toContainText(
        score(0, 'Qwen2.5-7B-Instruct', 'MGSM').toFixed(4),
      );
      await expect(chart.locator(`[data-model="${SWALLOW}"]`)).toContainText(score(0, SWALLOW, 'MGSM').toFixed(4));

      const mt = page.locator('[data-testid="benchmark-suite"][data-suite="mtBench"]');
      await mt
        .locator('label')
        .filter({ hasText: /^coding$/ })
        .click();
      await expect(mt.getByTestId('chart-metric')).toHaveText(t.charts.mtBenchMetric);
    });

    test('each chart has a table with every value of the JSON', async ({ page }) => {
      await page.goto(`/${locale}/model`);
      for (const [i, id] of SUITE_IDS.entries()) {
        const suite = page.locator(`[data-testid="benchmark-suite"][data-suite="${id}"]`);
        const table = suite.getByTestId('benchmark-table');
        await expect(table).toBeHidden();
        await suite.getByTestId('benchmark-table-toggle').click();
        await expect(table).toBeVisible();
        const { models, benchmarks } = data.suites[i];
        await expect(table.locator('tbody tr')).toHaveCount(models.length);
        const cells = await table.locator('tbody tr').evaluateAll((rows) =>
          rows.map((row) => ({
            model: row.getAttribute('data-model'),
            values: [...row.querySelectorAll('td')].map(
              (td) => [td.getAttribute('data-benchmark'), Number(td.textContent)] as const,
            ),
          })),
        );
        expect(cells).toEqual(
          models.map((m) => ({
            model: m.model,
            values: benchmarks.map((b) => [b.name, (m.scores as Record<string, number>)[b.name]]),
          })),
        );
      }
      const en = page.locator('[data-testid="benchmark-table"][data-suite="en"]');
      await expect(
        en
          .getByRole('row', { name: /Qwen2\.5-7B-Instruct/ })
          .getByRole('cell')
          .nth(5),
      ).toHaveText('0.7419');
      await expect(en.locator('th[data-benchmark="MMLU"]')).toContainText('5-shot');
    });

    test('fits a phone screen without sideways scrolling', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`/${locale}/model`);
      await page.getByTestId('benchmark-table-toggle').first().click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

test('chart code loads on the model page only', async ({ page }) => {
  const chatScripts = collectScripts(page);
  await openChat(page, 'ja');
  await page.waitForLoadState('networkidle'); // anything prefetched has arrived too
  const chat = await Promise.all(chatScripts);
  expect(chat.length).toBeGreaterThan(0);
  expect(chat.filter((js) => js.includes('bar-chart')).length).toBe(0);

  const modelPage = await page.context().newPage();
  const modelScripts = collectScripts(modelPage);
  await modelPage.goto('/ja/model');
  await expect(modelPage.getByTestId('benchmark-chart').first()).toBeVisible();
  await modelPage.waitForLoadState('networkidle');
  expect((await Promise.all(modelScripts)).filter((js) => js.includes('bar-chart')).length).toBeGreaterThan(0);
});
