import { expect, test } from '@playwright/test';

test('robots.txt lets an open deployment be indexed, but not its API or conversations', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain');
  const body = await response.text();
  expect(body).toMatch(/User-Agent: \*/i);
  expect(body).toContain('Allow: /');
  expect(body).toContain('Disallow: /api/');
  expect(body).not.toMatch(/^Disallow: \/$/m);
});

test('security.txt is served from public/ as a plain file (RFC 9116)', async ({ request }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain');
  const body = await response.text();
  expect(body).toMatch(/^Contact: /m);
  const expires = /^Expires: (.+)$/m.exec(body)?.[1];
  expect(Date.parse(expires!)).toBeGreaterThan(Date.now());
});
