import { expect, test } from '@playwright/test';
import { uniqueTag, upstreamRequests } from './support';

const valid = {
  messages: [{ role: 'user', content: 'こんにちは' }],
  model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
  system: '',
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 512,
};

test.describe('POST /api/chat refuses bad input before calling the upstream', () => {
  const cases: { name: string; body: unknown; field: string }[] = [
    { name: 'temperature out of range', body: { ...valid, temperature: 3 }, field: 'temperature' },
    { name: 'model not offered', body: { ...valid, model: 'gpt-4o' }, field: 'model' },
    {
      name: 'empty user message',
      body: { ...valid, messages: [{ role: 'user', content: '' }] },
      field: 'messages.0.content',
    },
    { name: 'unknown field', body: { ...valid, baseURL: 'http://evil' }, field: 'baseURL' },
  ];
  for (const { name, body, field } of cases) {
    test(name, async ({ request }) => {
      const tag = uniqueTag();
      const withTag = JSON.parse(JSON.stringify(body).replace('こんにちは', `こんにちは ${tag}`));
      const response = await request.post('/api/chat', { data: withTag });
      expect(response.status()).toBe(400);
      const json = await response.json();
      expect(json.error).toMatchObject({ code: 'invalid_request', field });
      expect(await upstreamRequests(tag)).toHaveLength(0);
    });
  }

  test('malformed JSON', async ({ request }) => {
    const response = await request.post('/api/chat', {
      data: '{"messages": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_request', field: 'body' });
  });

  test('a newest message that cannot fit the context window', async ({ request }) => {
    const response = await request.post('/api/chat', {
      data: { ...valid, max_tokens: 4000, messages: [{ role: 'user', content: 'とても長い文章です。'.repeat(500) }] },
    });
    expect(response.status()).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('context_too_long');
    expect(error.promptTokens).toBeGreaterThan(error.availableTokens);
  });
});

test('a valid request streams the UI message protocol with usage metadata', async ({ request }) => {
  const tag = uniqueTag();
  const response = await request.post('/api/chat', {
    data: { ...valid, messages: [{ role: 'user', content: `こんにちは ${tag}` }] },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/event-stream');
  const text = await response.text();
  expect(text).toContain('"type":"text-delta"');
  expect(text).toMatch(/"usage":\{"inputTokens":\d+,"outputTokens":\d+/);
  expect(text).toContain('data: [DONE]');
});

test('/api/code-target is gone: "view code" counts in the browser (e2e/view-code.spec.ts)', async ({ request }) => {
  for (const method of ['GET', 'POST'] as const) {
    const response = await request.fetch('/api/code-target', { method, data: method === 'POST' ? valid : undefined });
    expect(response.status(), method).toBe(404);
  }
});
