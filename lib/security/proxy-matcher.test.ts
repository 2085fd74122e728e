import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config } from '../../proxy';
import { ACCESS_COOKIE, createAccessToken } from './access';
import { gateRequest } from './gate';

const runsProxy = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe('proxy matcher', () => {
  it('runs the proxy on pages and API routes but not on the chat stream, which gates itself', () => {
    for (const url of ['/', '/ja', '/en/c/abc', '/ja/unlock', '/api/unlock', '/api/code-target', '/api/chatter'])
      expect(runsProxy(url), url).toBe(true);
    for (const url of ['/api/chat', '/api/chat/', '/_next/static/chunks/a.js', '/icon.svg'])
      expect(runsProxy(url), url).toBe(false);
  });
});

describe('gateRequest', () => {
  const config = { accessCodes: ['open-sesame'], cookieSecret: 's' };
  const request = (cookie?: string) =>
    new NextRequest('http://app.test/api/chat', {
      method: 'POST',
      headers: cookie ? { cookie: `${ACCESS_COOKIE}=${cookie}` } : {},
    });

  it('answers the chat stream with 401 without the unlock cookie and lets it through with one', () => {
    expect(gateRequest(request(), config)?.status).toBe(401);
    expect(gateRequest(request(createAccessToken('open-sesame', 's')), config)).toBeNull();
  });
});
