import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from './gate';
import { createLimits } from './limits';
import { attemptUnlock, crossSiteRefusal, readUnlockForm, unlockResponse, type UnlockForm } from './unlock';

const config = { accessCodes: ['alpha', 'beta'], cookieSecret: 'k' };
const form = (code: string): UnlockForm => ({ code, next: '/en?x=1', locale: 'en' });
const req = new Request('http://app.test/api/unlock', { method: 'POST' });

describe('unlock', () => {
  it('a right code: 303 to where the user was going, with a signed httpOnly cookie', async () => {
    const outcome = await attemptUnlock(
      form('beta'),
      'c1',
      config,
      createLimits({ requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 3 }),
    );
    const response = unlockResponse(outcome, req);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/en?x=1');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^swallow_access=v1\.[^;]+; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax$/);
    expect(verifyAccessToken(cookie.split(';')[0].split('=')[1], config.accessCodes, 'k')).toBe(true);
    const https = unlockResponse(outcome, new Request('https://app.test/api/unlock'));
    expect(https.headers.get('set-cookie')).toContain('; Secure');
  });

  it('wrong codes go back to the localized page; then guessing is blocked, even with the right code', async () => {
    const limits = createLimits({ requestsPerMinute: 0, concurrentStreams: 0, unlockAttempts: 2 });
    const wrong = unlockResponse(await attemptUnlock(form('gamma'), 'c2', config, limits), req);
    expect(wrong.headers.get('location')).toBe('/en/unlock?error=wrong&next=%2Fen%3Fx%3D1');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const blocked = await attemptUnlock(form('delta'), 'c2', config, limits);
    expect(blocked).toMatchObject({ ok: false, reason: 'too_many' });
    const right = await attemptUnlock(form('alpha'), 'c2', config, limits);
    expect(right).toMatchObject({ ok: false, reason: 'too_many' });
    const response = unlockResponse(right, req);
    expect(response.headers.get('location')).toMatch(/^\/en\/unlock\?error=too_many&next=.*&wait=\d+$/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('under a guessing attack (the deployment budget spent) the right code still unlocks, at once', async () => {
    const limits = createLimits({
      requestsPerMinute: 0,
      concurrentStreams: 0,
      unlockAttempts: 5,
      unlockAttemptsTotal: 3,
    });
    for (let i = 0; i < 50; i++) await attemptUnlock(form(`guess-${i}`), `bot-${i}`, config, limits);
    const visitor = unlockResponse(await attemptUnlock(form('alpha'), 'visitor', config, limits), req);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/en?x=1');
    expect(visitor.headers.get('set-cookie')).toMatch(/^swallow_access=v1\./);
    // A new address guessing wrong: looked at once, then asked to wait (about an hour).
    const wrong = await attemptUnlock(form('gamma'), 'newcomer', config, limits);
    expect(wrong).toMatchObject({ ok: false, reason: 'too_many' });
    expect(!wrong.ok && wrong.waitSeconds).toBeGreaterThan(55 * 60);
    const next = await attemptUnlock(form('alpha'), 'newcomer', config, limits);
    expect(next).toMatchObject({ ok: false, reason: 'too_many' });
  });

  it('reads the form, refusing other content types and open redirects', async () => {
    const body = new URLSearchParams({ code: 'alpha', next: 'https://evil.example', locale: 'en' });
    const ok = await readUnlockForm(new Request('http://app.test/api/unlock', { method: 'POST', body }));
    expect(ok).toEqual({ ok: true, form: { code: 'alpha', next: '/en', locale: 'en' } });
    const dotted = new URLSearchParams({ code: 'alpha', next: '/.//evil.example/login', locale: 'ja' });
    const normalised = await readUnlockForm(
      new Request('http://app.test/api/unlock', { method: 'POST', body: dotted }),
    );
    expect(normalised).toEqual({ ok: true, form: { code: 'alpha', next: '/ja', locale: 'ja' } });
    const json = await readUnlockForm(
      new Request('http://app.test/api/unlock', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(!json.ok && json.response.status).toBe(415);
  });

  it('refuses a form larger than 4 KiB even when it is sent in chunks without a length', async () => {
    const chunk = new TextEncoder().encode(`code=${'a'.repeat(1024)}&`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 9 MB if the server kept reading; it must stop after the first few KiB.
        if (sent++ < 9000) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request('http://app.test/api/unlock', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const result = await readUnlockForm(request);
    expect(!result.ok && result.response.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it('reads a multipart form as well', async () => {
    const body = new FormData();
    body.set('code', 'alpha');
    body.set('next', '/ja/share?p=1');
    body.set('locale', 'ja');
    const result = await readUnlockForm(new Request('http://app.test/api/unlock', { method: 'POST', body }));
    expect(result).toEqual({ ok: true, form: { code: 'alpha', next: '/ja/share?p=1', locale: 'ja' } });
  });

  it('refuses a form posted from another site (login CSRF), by Sec-Fetch-Site or else Origin', async () => {
    const post = (headers: Record<string, string>) =>
      new Request('http://chat.example/api/unlock', { method: 'POST', headers: { host: 'chat.example', ...headers } });
    for (const site of ['same-origin', 'none']) expect(crossSiteRefusal(post({ 'sec-fetch-site': site }))).toBeNull();
    for (const site of ['cross-site', 'same-site']) {
      const refused = crossSiteRefusal(post({ 'sec-fetch-site': site, origin: 'http://chat.example' }))!;
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    }
    expect(crossSiteRefusal(post({ origin: 'http://chat.example' }))).toBeNull();
    expect(crossSiteRefusal(post({ origin: 'https://evil.example' }))?.status).toBe(403);
    expect(crossSiteRefusal(post({ origin: 'null' }))?.status).toBe(403);
    expect(crossSiteRefusal(post({}))).toBeNull(); // curl, a script: no browser to borrow
    const proxied = post({ origin: 'https://chat.example', host: 'app:3000', 'x-forwarded-host': 'chat.example' });
    expect(crossSiteRefusal(proxied, true)).toBeNull();
    expect(crossSiteRefusal(proxied, false)?.status).toBe(403);
  });
});
