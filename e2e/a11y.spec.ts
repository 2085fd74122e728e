import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { contrastRatio, type Rgba } from '../tools/a11y/contrast';
import { headerControl, lastReply, LOCALES, MESSAGES, openChat, sendMessage, uniqueTag } from './support';

const SCHEMES = ['light', 'dark'] as const;

/** A conversation with a table and a highlighted code block (the plain reply), with Japanese Markdown in it. */
async function conversation(page: Page, locale: 'ja' | 'en') {
  await openChat(page, locale);
  await sendMessage(page, `**注意：**期限は https://example.com/docs。 ${uniqueTag()}`);
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply.locator('table')).toBeVisible();
  await expect(reply.locator('pre code.hljs .hljs-built_in').first()).toBeVisible();
}

/** Every token colour of the page's highlight.js theme, on the code block's own background. */
async function codeTokenContrasts(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string): [number, number, number, number] => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    // Every selector of the theme that colours a token, as it applies (".hljs-meta .hljs-keyword").
    const selectors = new Set<string>();
    const collect = (rules: CSSRuleList) => {
      for (const rule of rules) {
        if (rule instanceof CSSMediaRule || rule instanceof CSSImportRule) {
          const media = rule instanceof CSSMediaRule ? rule.media : rule.media;
          if (media.mediaText && !matchMedia(media.mediaText).matches) continue;
          const inner = rule instanceof CSSMediaRule ? rule.cssRules : rule.styleSheet?.cssRules;
          if (inner) collect(inner);
        } else if (rule instanceof CSSStyleRule && /(^|[^-])color:/.test(rule.style.cssText)) {
          for (const selector of rule.selectorText.split(','))
            if (selector.includes('.hljs-')) selectors.add(selector.trim());
        } else if ('cssRules' in rule) {
          collect((rule as CSSGroupingRule).cssRules);
        }
      }
    };
    for (const sheet of document.styleSheets) collect(sheet.cssRules);

    const code = document.querySelector('pre code.hljs')!;
    const saved = code.innerHTML;
    const results: { selector: string; color: [number, number, number, number]; layers: number[][] }[] = [];
    for (const selector of selectors) {
      code.replaceChildren();
      let parent: Element = code;
      for (const part of selector.split(/\s+/)) {
        const span = document.createElement('span');
        span.className = part.split('.').filter(Boolean).join(' ');
        parent.append(span);
        parent = span;
      }
      parent.textContent = 'Ab';
      const layers: number[][] = [];
      for (let node: Element | null = parent; node; node = node.parentElement) {
        const layer = rgba(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] === 1) break;
      }
      results.push({ selector, color: rgba(getComputedStyle(parent).color), layers });
    }
    code.innerHTML = saved;
    return results;
  });
}

// One conversation per language, checked in both schemes: the scheme is switched in place (the
// page follows prefers-color-scheme live, app/globals.css), which asserts the same as a page
// loaded in each and saves three conversations a language.
for (const locale of LOCALES) {
  test.describe(`accessibility (${locale})`, () => {
    test.use({ locale });

    test('in light and dark, axe finds nothing serious or critical in a conversation with a table and code, and every code token colour meets WCAG AA 4.5:1 on the code block; the model info link is named by what it shows', async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: SCHEMES[0] });
      await conversation(page, locale);
      for (const scheme of SCHEMES) {
        await test.step(scheme, async () => {
          await page.emulateMedia({ colorScheme: scheme });
          await expect
            .poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
            .toBe(scheme === 'dark');
          const results = await new AxeBuilder({ page })
            // Off by default in axe (experimental); issue 18 names it.
            .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
            .analyze();
          const serious = results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
          expect(serious).toEqual([]);

          const tokens = await codeTokenContrasts(page);
          expect(tokens.length).toBeGreaterThan(20);
          const low = tokens
            .map(({ selector, color, layers }) => ({
              selector,
              ratio: Number(contrastRatio(color, layers as unknown as Rgba[]).toFixed(2)),
            }))
            .filter(({ ratio }) => ratio < 4.5);
          expect(low).toEqual([]);
        });
      }

      const link = await headerControl(page, 'model-page-link');
      const visible = MESSAGES[locale].model.link;
      await expect(link).toHaveText(visible);
      await expect(link).toHaveAccessibleName(visible);
    });
  });
}
