import { expect, test } from '@playwright/test';
import { LOCALES, MESSAGES, placeInServerHtml } from './support';

for (const locale of LOCALES) {
  test.describe(`no endpoint configured (${locale})`, () => {
    test.use({ locale });

    test('the app loads and says which variable to set and where to get a key', async ({ page }) => {
      await page.goto(`/${locale}`);
      const notice = page.getByTestId('not-configured');
      await expect(notice).toBeVisible();
      await expect(notice.getByRole('heading')).toHaveText(MESSAGES[locale].notConfigured.title);
      await expect(notice).toContainText('NVIDIA_API_KEY');
      await expect(notice).toContainText('SWALLOW_BASE_URL');
      await expect(notice.getByRole('link', { name: 'build.nvidia.com' })).toHaveAttribute(
        'href',
        /^https:\/\/build\.nvidia\.com\//,
      );
      await page.getByTestId('composer').fill('こんにちは');
      await expect(page.getByTestId('send')).toBeDisabled();
    });
  });
}

test("with the notice, the chat is still in place in the server's HTML", async ({ request }) => {
  for (const locale of LOCALES) {
    const html = await (await request.get(`/${locale}`)).text();
    for (const testId of ['not-configured', 'composer', 'send'])
      expect(placeInServerHtml(html, testId), `${locale}: ${testId}`).toBe('in place');
  }
});

test('the API answers 503 not_configured', async ({ request }) => {
  const response = await request.post('/api/chat', {
    data: {
      messages: [{ role: 'user', content: 'こんにちは' }],
      model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
      system: '',
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
    },
  });
  expect(response.status()).toBe(503);
  expect((await response.json()).error.code).toBe('not_configured');
});

test('without TRUST_PROXY, invented X-Forwarded-For addresses do not buy a client more requests', async ({
  request,
}) => {
  // This app runs with the default limits: POST /api/chat allows 20 per minute per client, counted
  // before the route says it is not configured (503). The other tests here post to it too, from
  // the same address: this one's share of the minute is 20 less theirs.
  const body = {
    messages: [{ role: 'user', content: 'こんにちは' }],
    model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
    system: '',
    temperature: 0.6,
    top_p: 0.9,
    max_tokens: 512,
  };
  const statuses: number[] = [];
  for (let i = 0; i < 21 && statuses.at(-1) !== 429; i++) {
    const response = await request.post('/api/chat', {
      data: body,
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` },
    });
    statuses.push(response.status());
  }
  // Twenty-one addresses, one client: refused within its 20, every request before reached the route.
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.length).toBeGreaterThan(10);
  expect(statuses.slice(0, -1).every((s) => s === 503)).toBe(true);
});

test('GET /api/health: alive, but not ready without an endpoint (and the body does not say why)', async ({
  request,
}) => {
  const live = await request.get('/api/health');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });
  const ready = await request.get('/api/health?ready=1');
  expect(ready.status()).toBe(503);
  expect(await ready.json()).toEqual({ status: 'unavailable' });
});
