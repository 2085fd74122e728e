import { describe, expect, it } from 'vitest';
import { createAccessToken } from './access';
import { accessGate } from './gate';
import { clientKey } from './client-key';
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

describe('clientKey', () => {
  it('uses the right-most X-Forwarded-For entry (the nearest proxy’s)', () => {
    expect(clientKey(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientKey(new Headers({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientKey(new Headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientKey(new Headers())).toBe('unknown');
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
