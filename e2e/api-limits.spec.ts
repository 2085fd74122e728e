import { expect, test } from '@playwright/test';
import { expectUpstreamRequests, openChat, sendMessage, uniqueTag, upstreamRequests } from './support';

const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
const body = (content: string, extra: Record<string, unknown> = {}) => ({
  messages: [{ role: 'user', content }],
  model: MODEL,
  system: '',
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 512,
  ...extra,
});

test.describe('POST /api/chat request limits: a JSON error naming the problem, nothing upstream', () => {
  test('415 for a body that is not JSON', async ({ request }) => {
    const tag = uniqueTag();
    const response = await request.post('/api/chat', {
      headers: { 'content-type': 'text/plain' },
      data: JSON.stringify(body(tag)),
    });
    expect(response.status()).toBe(415);
    expect((await response.json()).error).toMatchObject({ code: 'unsupported_media_type', field: 'content-type' });
    expect(await upstreamRequests(tag)).toHaveLength(0);
  });

  test('413 for a body over 1 MiB', async ({ request }) => {
    const tag = uniqueTag();
    const huge = { ...body(tag), padding: 'あ'.repeat(400_000) };
    const response = await request.post('/api/chat', { data: huge });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toMatchObject({
      code: 'payload_too_large',
      field: 'body',
      maxBytes: 1_048_576,
    });
    expect(await upstreamRequests(tag)).toHaveLength(0);
  });

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
    test(`405 for ${method}, with Allow: POST`, async ({ request }) => {
      const response = await request.fetch('/api/chat', { method });
      expect(response.status()).toBe(405);
      expect(response.headers()['allow']).toBe('POST');
      expect((await response.json()).error).toMatchObject({ code: 'method_not_allowed', field: 'method' });
    });
  }

  const invalid: { name: string; make: (tag: string) => unknown; field: string }[] = [
    {
      name: 'too many messages',
      field: 'messages',
      make: (tag) =>
        body(tag, {
          messages: Array.from({ length: 201 }, (_, i) => ({
            role: i % 2 ? 'assistant' : 'user',
            content: `${tag} ${i}`,
          })),
        }),
    },
    {
      name: 'a message over 32,000 characters',
      field: 'messages.0.content',
      make: (tag) => body(`${tag} ${'x'.repeat(32_000)}`),
    },
    {
      name: 'a system prompt over 8,000 characters',
      field: 'system',
      make: (tag) => body(tag, { system: 's'.repeat(8_001) }),
    },
    { name: 'max_tokens out of range', field: 'max_tokens', make: (tag) => body(tag, { max_tokens: 100_000 }) },
    { name: 'top_p out of range', field: 'top_p', make: (tag) => body(tag, { top_p: 0 }) },
    { name: 'a wrong type', field: 'temperature', make: (tag) => body(tag, { temperature: '0.6' }) },
    {
      name: 'an unknown role',
      field: 'messages.0.role',
      make: (tag) => body(tag, { messages: [{ role: 'system', content: tag }] }),
    },
    { name: 'a non-object body', field: 'body', make: () => ['not', 'an', 'object'] },
  ];
  for (const { name, make, field } of invalid) {
    test(`400 for ${name}`, async ({ request }) => {
      const tag = uniqueTag();
      const response = await request.post('/api/chat', { data: make(tag) });
      expect(response.status()).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: 'invalid_request', field });
      expect(await upstreamRequests(tag)).toHaveLength(0);
    });
  }
});

test.describe('client disconnects abort the upstream request within a second', () => {
  test('an API client that goes away', async ({ playwright, baseURL }) => {
    const tag = uniqueTag();
    const context = await playwright.request.newContext({ baseURL });
    const pending = context
      .post('/api/chat', { data: body(`[[scenario:slow]] ${tag}`), timeout: 60_000 })
      .catch(() => null);
    await expectUpstreamRequests(tag, 1);
    await context.dispose(); // closes the connection mid-stream
    await pending;
    const closedAt = Date.now();
    await expect.poll(async () => (await upstreamRequests(tag))[0].aborted, { timeout: 1_500 }).toBe(true);
    expect(Date.now() - closedAt).toBeLessThan(1_500);
  });

  test('closing the tab while a reply streams', async ({ browser }) => {
    const tag = uniqueTag();
    const context = await browser.newContext({ locale: 'ja' });
    const page = await context.newPage();
    await openChat(page, 'ja');
    await sendMessage(page, `[[scenario:slow]] ${tag}`);
    await expect(page.getByTestId('message-assistant')).toContainText('ゆっくり');
    await page.close();
    await expect.poll(async () => (await upstreamRequests(tag))[0].aborted, { timeout: 1_500 }).toBe(true);
    await context.close();
  });
});
