import { expect, test, type APIResponse } from '@playwright/test';
import { openChat, sendMessage, uniqueTag, lastReply } from './support';

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Voice input: the microphone for our own origin, no one else's.
  expect(headers['permissions-policy']).toContain('microphone=(self)');
  expect(headers['x-powered-by']).toBeUndefined();
}

// A path with a dot is a page like any other (it once skipped the proxy, and so the CSP).
const PAGES = ['/ja', '/en', '/en/share?p=1.broken', '/ja/unlock', '/ja/c/a.b'];

test.describe('security headers', () => {
  for (const path of PAGES) {
    test(`${path}: a nonce CSP without unsafe-eval, no framing`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      expectCommonHeaders(response);
      const csp = response.headers()['content-security-policy'];
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      // Every script tag Next.js wrote carries this request's nonce.
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // A fresh nonce per request.
      const again = (await request.get(path)).headers()['content-security-policy'];
      expect(again).not.toBe(csp);
    });
  }

  test('404 pages where the proxy does not run (/_next/, /_vercel/, /pdfjs/) carry the page CSP, scripts off', async ({
    request,
  }) => {
    for (const path of ['/_next', '/_next/nope', '/_vercel/nope', '/pdfjs/cmaps/nope', '/pdfjs/standard_fonts/nope']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()['content-type'], path).toContain('text/html');
      expectCommonHeaders(response);
      const csp = response.headers()['content-security-policy'];
      expect(csp, path).toContain("script-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
    }
    // A page still gets exactly one CSP, the proxy's, with its nonce.
    const page = await request.get('/ja');
    const headers = page.headersArray().filter(({ name }) => name.toLowerCase() === 'content-security-policy');
    expect(headers).toHaveLength(1);
    expect(headers[0].value).toContain("'nonce-");
  });

  test('API responses: nosniff and a deny-all CSP', async ({ request }) => {
    const response = await request.get('/api/chat');
    expect(response.status()).toBe(405);
    expectCommonHeaders(response);
    expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
  });

  for (const locale of ['ja', 'en'] as const) {
    test.describe(locale, () => {
      test.use({ locale });
      test(`the app hydrates and chats under the CSP with no violation (${locale})`, async ({ page }) => {
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
        });
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            (window as { __csp?: string[] }).__csp = [
              ...((window as { __csp?: string[] }).__csp ?? []),
              `${e.violatedDirective} ${e.blockedURI}`,
            ];
          });
        });
        await openChat(page, locale); // waits for hydration: send reacts to typing
        await sendMessage(page, `CSP ${uniqueTag()}`);
        await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
        // The meter's count comes from a worker, which runs under its own script's CSP
        // (/_next/static/): it must be allowed to import its chunks.
        await expect(page.getByTestId('context-meter')).not.toHaveAttribute('data-state', 'counting');
        await expect(page.getByTestId('context-meter')).toHaveAttribute('data-used', /^[1-9]\d*$/);
        expect(await page.evaluate(() => (window as { __csp?: string[] }).__csp ?? [])).toEqual([]);
        expect(violations).toEqual([]);
      });
    });
  }
});
