import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import proxy from '../../../proxy';
import { ACCESS_COOKIE, createAccessToken } from '../../server/security/gate';
import {
  chatPageLocale,
  conversationIdFromPath,
  isApiPath,
  isBuildAsset,
  isKeepableShell,
  isShellPath,
  OFFLINE_SHELL_HEADER,
} from './offline-cache';

const html = (extra: Record<string, string> = {}) =>
  new Headers({ 'content-type': 'text/html; charset=utf-8', ...extra });

describe('what the service worker may keep', () => {
  it('answers chat pages offline from the shell of their language, and nothing else', () => {
    expect(['/ja', '/en/', '/ja/c/abc', '/en/c/x.y'].map(chatPageLocale)).toEqual(['ja', 'en', 'ja', 'en']);
    for (const path of ['/', '/ja/model', '/ja/share', '/ja/unlock', '/fr', '/api/chat', '/ja/c', '/ja/c/a/b'])
      expect(chatPageLocale(path), path).toBeNull();
    expect(isShellPath('/ja')).toBe(true);
    expect(isShellPath('/ja/c/abc')).toBe(false);
    expect(conversationIdFromPath('/ja/c/a%20b')).toBe('a b');
    expect(conversationIdFromPath('/ja')).toBeUndefined();
  });

  it('keeps a shell only when the server marked it, and only a 200 HTML page', () => {
    expect(isKeepableShell(200, html({ [OFFLINE_SHELL_HEADER]: '1' }))).toBe(true);
    expect(isKeepableShell(200, html())).toBe(false);
    expect(isKeepableShell(307, html({ [OFFLINE_SHELL_HEADER]: '1' }))).toBe(false);
    expect(isKeepableShell(200, new Headers({ [OFFLINE_SHELL_HEADER]: '1', 'content-type': 'application/json' }))).toBe(
      false,
    );
  });

  it('tells the API and the build files apart', () => {
    expect(['/api', '/api/chat', '/api/health'].every(isApiPath)).toBe(true);
    expect(isApiPath('/apix')).toBe(false);
    expect(isBuildAsset('/_next/static/chunks/a.js')).toBe(true);
    expect(isBuildAsset('/_next/image')).toBe(false);
  });
});

describe('the proxy marks chat pages keepable only where no access code guards them', () => {
  afterEach(() => vi.unstubAllEnvs());
  const get = (path: string, cookie?: string) =>
    proxy(
      new NextRequest(`http://app.test${path}`, {
        headers: { 'accept-language': 'ja', ...(cookie ? { cookie: `${ACCESS_COOKIE}=${cookie}` } : {}) },
      }),
    );

  it('marks /ja and /ja/c/<id> of an open deployment, not its other pages', () => {
    vi.stubEnv('ACCESS_CODE', '');
    expect(get('/ja').headers.get(OFFLINE_SHELL_HEADER)).toBe('1');
    expect(get('/ja/c/abc').headers.get(OFFLINE_SHELL_HEADER)).toBe('1');
    expect(get('/ja/model').headers.get(OFFLINE_SHELL_HEADER)).toBeNull();
  });

  it('marks nothing behind the access code, with or without the cookie', () => {
    vi.stubEnv('ACCESS_CODE', 'open-sesame');
    const secret = 'a-test-cookie-secret-of-32-characters-or-more';
    vi.stubEnv('ACCESS_COOKIE_SECRET', secret);
    const denied = get('/ja');
    expect(denied.status).toBe(307);
    expect(denied.headers.get(OFFLINE_SHELL_HEADER)).toBeNull();
    const unlocked = get('/ja', createAccessToken('open-sesame', secret));
    expect(unlocked.status).toBe(200);
    expect(unlocked.headers.get('content-security-policy')).toContain('nonce-');
    expect(unlocked.headers.get(OFFLINE_SHELL_HEADER)).toBeNull();
  });
});
