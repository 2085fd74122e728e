import { describe, expect, it } from 'vitest';
import { createAccessToken, accessGate } from './gate';
import { API_CSP, pageCsp } from './headers';

const config = { accessCodes: ['open-sesame'], cookieSecret: 's' };
const req = (pathname: string, cookie?: string, search = '') => ({
  pathname,
  search,
  cookie,
  url: `http://app.test${pathname}${search}`,
});

describe('accessGate', () => {
  it('lets everything through when no access code is set', () => {
    expect(accessGate(req('/api/chat'), { accessCodes: [], cookieSecret: '' })).toBeNull();
  });

  it('refuses everything, pages and the unlock form included, while the access settings are unsafe', async () => {
    const unsafe = { accessCodes: ['a'], cookieSecret: '', misconfigured: 'ACCESS_COOKIE_SECRET must be set' };
    const api = accessGate(req('/api/unlock'), unsafe)!;
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: { code: 'access_misconfigured' } });
    const page = accessGate(req('/ja/unlock'), unsafe)!;
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('ACCESS_COOKIE_SECRET');
  });

  it('answers the API with 401 access_required without a valid cookie', async () => {
    const response = accessGate(req('/api/chat', 'v1.9999999999.x.y'), config)!;
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'access_required' } });
  });

  it('redirects pages to the localized unlock page, remembering where the user was going', () => {
    const response = accessGate(req('/en/share', undefined, '?p=1.abc'), config)!;
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/en/unlock');
    expect(location.searchParams.get('next')).toBe('/en/share?p=1.abc');
    expect(new URL(accessGate(req('/'), config)!.headers.get('location')!).pathname).toBe('/unlock');
  });

  it('keeps the unlock page and endpoint open, and passes a valid cookie', () => {
    for (const path of ['/unlock', '/ja/unlock', '/en/unlock', '/api/unlock'])
      expect(accessGate(req(path), config)).toBeNull();
    const token = createAccessToken('open-sesame', 's');
    expect(accessGate(req('/api/chat', token), config)).toBeNull();
    expect(accessGate(req('/ja', token), config)).toBeNull();
    expect(accessGate(req('/ja/unlocked'), config)).not.toBeNull();
  });
});

describe('security headers', () => {
  it('page CSP: nonce scripts only, no eval in production, no framing', () => {
    const csp = pageCsp('abc123', false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(pageCsp('n', true)).toContain("'unsafe-eval'");
    expect(API_CSP).toContain("default-src 'none'");
  });
});
