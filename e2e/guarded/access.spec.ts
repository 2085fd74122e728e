import { expect, test } from '@playwright/test';
import { MESSAGES, expectUpstreamRequests, openChat, sendMessage, uniqueTag, lastReply } from '../support';
import { chatBody, unlock, uniqueIp } from './helpers';
import { GUARDED } from './settings';

for (const locale of ['ja', 'en'] as const) {
  test.describe(`access code (${locale})`, () => {
    const t = MESSAGES[locale].unlock;

    test('a wrong code is refused; a right one unlocks the chat and comes back to the page asked for', async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({
        baseURL,
        locale,
        extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() },
      });
      const page = await context.newPage();
      await page.goto(`/${locale}/share?p=1.x`);
      await expect(page).toHaveURL(new RegExp(`/${locale}/unlock\\?next=`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
      await expect(page.getByTestId('composer')).toHaveCount(0);

      await page.getByTestId('unlock-code').fill('not-the-code');
      await page.getByTestId('unlock-submit').click();
      await expect(page.getByTestId('unlock-error')).toHaveText(t.wrong);

      await page.getByTestId('unlock-code').fill(GUARDED.accessCodes[1]);
      await page.getByTestId('unlock-submit').click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/share\\?p=1\\.x$`));
      const cookie = (await context.cookies()).find((c) => c.name === 'swallow_access');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie!.value).not.toContain(GUARDED.accessCodes[1]);

      await openChat(page, locale);
      const tag = uniqueTag();
      await sendMessage(page, `こんにちは ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expectUpstreamRequests(tag, 1);
      await context.close();
    });

    test('guessing is limited: after a few wrong codes even the right one waits', async ({ browser, baseURL }) => {
      const context = await browser.newContext({
        baseURL,
        locale,
        extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() },
      });
      const page = await context.newPage();
      await page.goto(`/${locale}`);
      for (let i = 0; i < GUARDED.unlockAttempts; i++) {
        await page.getByTestId('unlock-code').fill(`guess-${i}`);
        await page.getByTestId('unlock-submit').click();
        // Each attempt is a full page load; the field is empty again only on the new page
        // (the error from the previous attempt is already visible before it).
        await expect(page.getByTestId('unlock-code')).toHaveValue('');
        await expect(page.getByTestId('unlock-error')).toBeVisible();
      }
      await expect(page.getByTestId('unlock-error')).toHaveAttribute('data-reason', 'too_many');
      await page.getByTestId('unlock-code').fill(GUARDED.accessCodes[0]);
      await page.getByTestId('unlock-submit').click();
      const error = page.getByTestId('unlock-error');
      await expect(error).toHaveAttribute('data-reason', 'too_many');
      // The per-client wait is 5 minutes, said in minutes.
      const minutes = /(\d+)/.exec((await error.textContent()) ?? '')?.[1];
      expect(Number(minutes)).toBeGreaterThanOrEqual(4);
      expect(Number(minutes)).toBeLessThanOrEqual(5);
      await expect(error).toHaveText(t.tooManyMinutes.replace('{minutes}', minutes!));
      expect((await context.cookies()).find((c) => c.name === 'swallow_access')).toBeUndefined();
      await context.close();
    });

    test('the wait is said in seconds, and in minutes from two minutes on (an hour under attack)', async ({ page }) => {
      await page.goto(`/${locale}/unlock?error=too_many&wait=45`);
      await expect(page.getByTestId('unlock-error')).toHaveText(t.tooMany.replace('{seconds}', '45'));
      await page.goto(`/${locale}/unlock?error=too_many&wait=3592`);
      await expect(page.getByTestId('unlock-error')).toHaveText(t.tooManyMinutes.replace('{minutes}', '60'));
    });
  });
}

test.describe('after unlocking, the browser goes back to this site only', () => {
  // `next` as an attacker writes it into a link; how a browser reads the Location it gets back.
  // The last five normalise (dot segments resolved, as the redirect does) to `//evil.example…`.
  const hostile = [
    '/%09/evil.example/x',
    '//evil.example/x',
    '/%5Cevil.example',
    'https://evil.example/',
    '/.//evil.example',
    '/%2e//evil.example',
    '/a/..//evil.example',
    '/%2e%2e//evil.example/x',
    '/.//evil.example/login',
  ];

  test('the unlock page and the unlock form never redirect off-site, and CR/LF cannot split a header', async ({
    playwright,
    baseURL,
  }) => {
    for (const next of [...hostile, '/ja%0D%0ASet-Cookie:%20x=1']) {
      const ip = uniqueIp();
      const context = await playwright.request.newContext({ baseURL });
      const page = await context.get(`/ja/unlock?next=${next}`, { headers: { 'x-forwarded-for': ip } });
      expect(page.status(), next).toBe(200);
      // The form carries `next` back to /api/unlock as a hidden field.
      const field = /<input type="hidden" name="next" value="([^"]*)"/.exec(await page.text())?.[1];
      expect(field, next).toBe('/ja');

      const response = await context.post('/api/unlock', {
        form: { code: GUARDED.accessCodes[0], next: decodeURIComponent(next), locale: 'ja' },
        headers: { 'x-forwarded-for': ip },
        maxRedirects: 0,
      });
      expect(response.status(), next).toBe(303);
      const location = new URL(response.headers().location, baseURL);
      expect(location.origin, next).toBe(new URL(baseURL!).origin);
      expect(location.pathname, next).toBe('/ja');
      expect(response.headers()['set-cookie'] ?? '', next).not.toContain('x=1');
      await context.dispose();
    }
  });
});

test.describe('an IPv4 client reached over IPv6 is that IPv4 client', () => {
  test('wrong codes from an address, its IPv4-mapped and its NAT64 form add up; another NAT64 client is apart', async ({
    request,
  }) => {
    const ip = uniqueIp();
    const [a, b, c, d] = ip.split('.').map(Number);
    const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    const guess = async (from: string) => {
      const response = await request.post('/api/unlock', {
        form: { code: `guess-${uniqueIp()}`, next: '/ja', locale: 'ja' },
        headers: { 'x-forwarded-for': from },
        maxRedirects: 0,
      });
      return new URL(response.headers().location, 'http://app.test').searchParams.get('error');
    };
    // The third wrong code (ACCESS_MAX_ATTEMPTS = 3) already says to wait.
    expect(GUARDED.unlockAttempts).toBe(3);
    expect(await guess(ip)).toBe('wrong');
    expect(await guess(`::ffff:${hex}`)).toBe('wrong');
    expect(await guess(`64:ff9b::${hex}`)).toBe('too_many');
    expect(await guess(`64:ff9b::${ip}`)).toBe('too_many');
    // Before, every NAT64 client shared one key (the /64 64:ff9b::): now another is unaffected.
    expect(await guess(`64:ff9b::${uniqueIp()}`)).toBe('wrong');
  });
});

test.describe('the API behind an access code', () => {
  test('401 access_required without the cookie, with a forged one, and nothing goes upstream', async ({ request }) => {
    const tag = uniqueTag();
    for (const cookie of [undefined, 'swallow_access=v1.9999999999.AAAAAAAAAAAAAAAA.forged']) {
      const response = await request.post('/api/chat', {
        data: chatBody(tag),
        headers: { 'x-forwarded-for': uniqueIp(), ...(cookie ? { cookie } : {}) },
      });
      expect(response.status()).toBe(401);
      expect((await response.json()).error).toMatchObject({ code: 'access_required' });
    }
    expect((await request.get('/api/chat')).status()).toBe(401);
    await expectUpstreamRequests(tag, 0);
  });

  test('every configured code unlocks the API', async ({ playwright, baseURL }) => {
    for (const code of GUARDED.accessCodes) {
      const ip = uniqueIp();
      const context = await playwright.request.newContext({ baseURL });
      await unlock(context, ip, code);
      const response = await context.post('/api/chat', {
        data: chatBody(`hi ${uniqueTag()}`),
        headers: { 'x-forwarded-for': ip },
      });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain('"type":"finish"');
      await context.dispose();
    }
  });
});

test.describe('the gate holds whatever the path', () => {
  test('a page path with a dot redirects to the unlock page like any other', async ({ request }) => {
    for (const path of ['/ja/c/a.b', '/en/share.html', '/ja/x.json']) {
      const response = await request.get(path, { headers: { 'x-forwarded-for': uniqueIp() }, maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      const location = new URL(response.headers().location, 'http://app.test');
      expect(location.pathname, path).toMatch(/^\/(ja|en)\/unlock$/);
      expect(location.searchParams.get('next'), path).toBe(path);
    }
  });
});

test.describe('login CSRF: only this site’s own form can unlock', () => {
  test('a right code posted with another site’s Origin or Sec-Fetch-Site gets 403 and no cookie', async ({
    request,
  }) => {
    const attempts: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const response = await request.post('/api/unlock', {
        form: { code: GUARDED.accessCodes[0], next: '/ja', locale: 'ja' },
        headers: { 'x-forwarded-for': uniqueIp(), ...headers },
        maxRedirects: 0,
      });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error).toMatchObject({ code: 'cross_site_request' });
      expect(response.headers()['set-cookie']).toBeUndefined();
    }
  });

  test('a form on another site, submitted by a real browser, does not sign the visitor in', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
    const page = await context.newPage();
    const attacker = `<form method="post" action="${baseURL}/api/unlock">
      <input name="code" value="${GUARDED.accessCodes[0]}"><input name="next" value="/ja"><input name="locale" value="ja">
    </form><script>document.forms[0].submit()</script>`;
    await page.route('http://evil.example/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: attacker }),
    );
    const posted = page.waitForResponse(`${baseURL}/api/unlock`);
    await page.goto('http://evil.example/');
    expect((await posted).status()).toBe(403);
    expect((await context.cookies()).find((c) => c.name === 'swallow_access')).toBeUndefined();
    await context.close();
  });
});
