import { expect, test, type Page } from '@playwright/test';
import { lastReply, MESSAGES, openChat, sendMessage, uniqueTag, behaviourLocales } from './support';

// Issue 34: math (KaTeX), diagrams (mermaid) and each reply's speed. One page per language: a
// streamed reply with math, one with two diagrams (one that does not parse), then a reload.

/** Records CSP violations, KaTeX error boxes and what a streaming reply showed before it closed. */
async function watchPage(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __katexErrors: number; __sourceWhileStreaming: number };
    w.__csp = [];
    w.__katexErrors = 0;
    w.__sourceWhileStreaming = 0;
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample} ${(e.target as Element)?.outerHTML?.slice(0, 200)}`,
      ),
    );
    new MutationObserver(() => {
      if (document.querySelector('.katex-error')) w.__katexErrors++;
      const streaming = document.querySelector('[data-testid="message-assistant"][data-status="streaming"]');
      if (streaming?.querySelector('[data-math-source="pending"], [data-testid="code-block-note"]'))
        w.__sourceWhileStreaming++;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const consoleCsp: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
  });
  return consoleCsp;
}

const katexResources = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /katex/i.test(r.name)).length);

for (const locale of behaviourLocales('ja')) {
  test.describe(`rich replies (${locale})`, () => {
    test.use({ locale });
    test.describe.configure({ timeout: 90_000 });

    test('math and diagrams render safely, prices stay text, each reply shows its speed after a reload', async ({
      page,
      context,
    }) => {
      const t = MESSAGES[locale];
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const consoleCsp = await watchPage(page);
      await openChat(page, locale);
      expect(await katexResources(page), 'KaTeX does not load with the page').toBe(0);

      // Math, streamed: every formula was shown as its source while open, none as an error box.
      await sendMessage(page, `[[scenario:math]] ${uniqueTag()}`);
      const math = lastReply(page);
      await expect(math).toHaveAttribute('data-status', 'done');
      await expect(math.locator('.katex-display')).toHaveCount(2);
      await expect(math.locator('.katex')).toHaveCount(5); // 3 inline + 2 display
      await expect(math.locator('.katex').nth(4)).toContainText('距離'); // Japanese in \text{}
      await expect(math.locator('.katex math annotation[encoding="application/x-tex"]').first()).toHaveText(
        'ax^2+bx+c=0',
      );
      await expect(math.locator('.katex-display math')).toHaveCount(2);
      await expect(math).toContainText('価格は$5から$10です。It costs $5 and $10.');
      await expect(math.locator('[data-math-source="error"]')).toHaveText('\\frac{1}{');
      await expect(math.locator('code', { hasText: '$x$' })).toHaveText('$x$');
      expect(await page.evaluate(() => (window as unknown as { __katexErrors: number }).__katexErrors)).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { __sourceWhileStreaming: number }).__sourceWhileStreaming),
      ).toBeGreaterThan(0);
      // Its fonts load once the formulas are laid out, a moment after they render.
      await expect
        .poll(() => katexResources(page), { message: 'KaTeX (code, stylesheet, fonts) came from this site' })
        .toBeGreaterThan(0);
      // KaTeX's fonts came from our own origin (font-src 'self').
      const fonts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((r) => r.name)
          .filter((name) => /KaTeX_.*\.woff2/.test(name)),
      );
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(new URL(font).origin).toBe(new URL(page.url()).origin);
      // The reply's copy is its Markdown, LaTeX source and all.
      await math.getByTestId('copy-message').click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('$$\nx=\\frac{-b\\pm\\sqrt{b^2-4ac}}{2a}\n$$');
      expect(copied).toContain('\\(D=b^2-4ac\\)');
      // Its speed.
      const metrics = math.getByTestId('reply-metrics');
      await expect(metrics).toBeVisible();
      await expect(metrics.getByTestId('reply-ttft')).toHaveAttribute('title', /\d/);
      await expect(metrics.getByTestId('reply-speed')).toHaveAttribute('title', /\d/);
      await expect(metrics.getByTestId('message-usage')).toBeVisible();

      // Diagrams: the flowchart as an SVG with no script; the broken one as its source with the reason.
      await sendMessage(page, `[[scenario:mermaid]] ${uniqueTag()}`);
      const diagrams = lastReply(page);
      await expect(diagrams).toHaveAttribute('data-status', 'done');
      const diagram = diagrams.getByTestId('diagram');
      await expect(diagram).toHaveCount(1);
      await expect(diagram.locator('svg')).toBeVisible();
      await expect(diagram.locator('svg')).toContainText('検証');
      expect(await diagram.locator('script, foreignObject script, [onerror], [onload], [onclick]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      const broken = diagrams.getByTestId('code-block').filter({ hasText: 'A --> ((' });
      await expect(broken.getByTestId('code-block-note')).toContainText(t.markdown.diagramError.split('{')[0]!);
      await diagram.getByTestId('diagram-source-toggle').click();
      await expect(diagram.locator('pre')).toContainText('flowchart LR');
      await expect(diagram.locator('svg')).toHaveCount(0);
      await expect(diagram.getByTestId('diagram-source-toggle')).toHaveText(t.markdown.diagramShowDiagram);

      // After a reload (the conversation's own URL): math, diagram and both replies' speed are kept.
      await expect(page).toHaveURL(/\/c\//);
      await page.reload();
      const replies = page.getByTestId('message-assistant');
      await expect(replies).toHaveCount(2);
      await expect(replies.first().locator('.katex-display')).toHaveCount(2);
      await expect(replies.last().getByTestId('diagram').locator('svg')).toBeVisible();
      for (const reply of await replies.all()) {
        await expect(reply.getByTestId('reply-metrics').getByTestId('reply-ttft')).toBeVisible();
        await expect(reply.getByTestId('reply-metrics').getByTestId('reply-speed')).toBeVisible();
      }
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(consoleCsp).toEqual([]);
    });
  });
}
