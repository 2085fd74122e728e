import { expect, test } from '@playwright/test';

// An open deployment (no ACCESS_CODE): the unlock page has nothing to ask and redirects at once to
// `next`. That redirect must stay on this site however `next` is written (issue #32: `/.//x`
// normalised to `//x`, which a browser reads as another host). The private deployment's page and
// POST /api/unlock are tested in e2e/guarded/access.spec.ts.
const HOSTILE = [
  '/.//evil.example',
  '/%2e//evil.example',
  '/a/..//evil.example',
  '/%2e%2e//evil.example/x',
  '/%2E%2E/%2e%2e//evil.example',
  '/./%5Cevil.example',
  '/%09/evil.example/x',
  '//evil.example/x',
  '/\\evil.example',
  'https://evil.example/',
];

test.describe('the unlock page of an open deployment redirects to this site only', () => {
  for (const next of HOSTILE) {
    test(`next=${next}`, async ({ request, baseURL }) => {
      const response = await request.get(`/ja/unlock?next=${next}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      const location = new URL(response.headers().location, `${baseURL}/ja/unlock`);
      expect(location.origin).toBe(new URL(baseURL!).origin);
      expect(location.pathname).toBe('/ja');
    });
  }

  test('a path on this site is kept, normalised', async ({ request, baseURL }) => {
    const response = await request.get('/en/unlock?next=/en/./share%3Fp%3D1.x', { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    const location = new URL(response.headers().location, `${baseURL}/en/unlock`);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(`${baseURL}/en/share?p=1.x`);
  });
});
