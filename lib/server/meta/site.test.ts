import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SWALLOW_PATH } from '../../shared/meta/brand';
import { defaultOpenGraph, resolveSiteUrl } from './site';

const h = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('resolveSiteUrl', () => {
  it('prefers SITE_URL, reduced to its origin', () => {
    expect(
      resolveSiteUrl({ SITE_URL: 'https://chat.example.com/some/path?q=1' }, h({ host: 'other.test' }))?.href,
    ).toBe('https://chat.example.com/');
  });

  it('ignores a SITE_URL that is not a plain http(s) URL and uses the request host', () => {
    for (const SITE_URL of ['not a url', 'ftp://x.test', 'https://user:pw@x.test']) {
      expect(resolveSiteUrl({ SITE_URL }, h({ host: 'app.test:3000' }))?.href).toBe('http://app.test:3000/');
    }
  });

  it('uses the forwarded host and protocol of a trusted proxy (first value of a list)', () => {
    const forwarded = h({
      host: 'internal:3000',
      'x-forwarded-host': 'chat.example.com, a.b',
      'x-forwarded-proto': 'https,http',
    });
    expect(resolveSiteUrl({ TRUST_PROXY: '1' }, forwarded)?.href).toBe('https://chat.example.com/');
    expect(resolveSiteUrl({ VERCEL: '1' }, forwarded)?.href).toBe('https://chat.example.com/');
  });

  it('ignores X-Forwarded-Host without TRUST_PROXY: a client could name any site', () => {
    const spoofed = h({ host: 'chat.example.com', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(resolveSiteUrl({}, spoofed)?.href).toBe('http://chat.example.com/');
  });

  it('gives up on a missing or malformed host rather than emit a bad URL', () => {
    expect(resolveSiteUrl({}, h({}))).toBeUndefined();
    expect(resolveSiteUrl({}, h({ host: 'evil.test/path' }))).toBeUndefined();
    expect(resolveSiteUrl({}, h({ host: 'a b' }))).toBeUndefined();
    expect(resolveSiteUrl({}, h({ host: '[::1]:3000' }))?.href).toBe('http://[::1]:3000/');
  });
});

describe('defaultOpenGraph', () => {
  it('carries the 1200×630 card and the locale', () => {
    expect(defaultOpenGraph('ja')).toMatchObject({
      locale: 'ja_JP',
      images: [{ url: '/og.png', width: 1200, height: 630 }],
    });
    expect(defaultOpenGraph('en').locale).toBe('en_US');
  });
});

describe('brand', () => {
  it('app/icon.svg draws the same swallow as the PNG icons and the card', () => {
    expect(readFileSync(new URL('../../../app/icon.svg', import.meta.url), 'utf8')).toContain(`d="${SWALLOW_PATH}"`);
  });
});
