import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { POST } from '../../../app/api/chat/route';
import { TITLE_INSTRUCTIONS, TITLE_MAX_TOKENS, titleLanguage } from './title';

/** POST /api/chat?mode=title (issue #37) against the fake upstream, through the route's gate and limits. */
const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;

beforeAll(async () => {
  upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
});
afterAll(() => upstream.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function env(extra: Record<string, string> = {}) {
  vi.stubEnv('SWALLOW_BASE_URL', `${upstream.url}/v1`);
  vi.stubEnv('SWALLOW_API_KEY', 'nvapi-title-test');
  vi.stubEnv('RATE_LIMIT_PER_MINUTE', '0');
  vi.stubEnv('RATE_LIMIT_CONCURRENT', '0');
  vi.stubEnv('ACCESS_CODE', '');
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
  // One log line per request goes to stdout: not in the test output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
}

async function title(user: string, { locale = 'ja', client = '192.0.2.10' } = {}) {
  const request = new NextRequest('http://app.test/api/chat?mode=title', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({
      model: MODEL,
      locale,
      messages: [
        { role: 'user', content: user },
        { role: 'assistant', content: '了解しました。' },
      ],
    }),
  });
  const response = await POST(request);
  return { response, body: (await response.json()) as { title?: string; error?: { code: string; field?: string } } };
}

const titleRequests = async (marker: string) =>
  (await (await fetch(`${upstream.url}/__requests?kind=title&contains=${encodeURIComponent(marker)}`)).json()) as {
    body: { stream?: boolean; max_tokens?: number; messages: { role: string; content: string }[] };
  }[];

describe('POST /api/chat?mode=title', () => {
  it('asks the model once, without streaming and with few tokens, and answers the title without its quotes', async () => {
    env();
    const marker = `m${Date.now()}`;
    const { response, body } = await title(`週末の京都旅行 ${marker}\n[[title=京都の週末プラン]]`);
    expect(response.status).toBe(200);
    expect(body).toEqual({ title: '京都の週末プラン' });
    const sent = await titleRequests(marker);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.stream).not.toBe(true);
    expect(sent[0].body.max_tokens).toBe(TITLE_MAX_TOKENS);
    expect(sent[0].body.messages[0]).toEqual({ role: 'system', content: TITLE_INSTRUCTIONS.ja });
    expect(sent[0].body.messages[1].content).toContain(`ユーザー：週末の京都旅行 ${marker}`);
  });

  it('asks in the language the user wrote in', async () => {
    env();
    const marker = `m${Date.now()}e`;
    const { body } = await title(`Plan a weekend in Kyoto ${marker}`, { locale: 'ja' });
    expect(body.title).toBe(`Plan a weekend in Kyoto ${marker}`);
    expect((await titleRequests(marker))[0].body.messages[0].content).toBe(TITLE_INSTRUCTIONS.en);
    expect(titleLanguage('12345', 'en')).toBe('en');
    expect(titleLanguage('12345', 'ja')).toBe('ja');
  });

  it('says so when the model fails, with no title', async () => {
    env();
    const { response, body } = await title('失敗する会話\n[[title:fail]]');
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(body.title).toBeUndefined();
    expect(body.error?.code).toMatch(/^upstream_/);
  });

  it('counts as one request against the client’s limit', async () => {
    env({ RATE_LIMIT_PER_MINUTE: '1' });
    const client = '192.0.2.44';
    expect((await title('一つ目', { client })).response.status).toBe(200);
    const refused = await title('二つ目', { client });
    expect(refused.response.status).toBe(429);
    expect(refused.body.error?.code).toBe('too_many_requests');
  });

  it('is behind the access code, and off when the operator turns model titles off', async () => {
    env({ ACCESS_CODE: 'secret-code', ACCESS_COOKIE_SECRET: 'x'.repeat(40) });
    expect((await title('鍵なし')).body.error?.code).toBe('access_required');
    vi.unstubAllEnvs();
    env({ SWALLOW_MODEL_TITLES: 'off' });
    const off = await title('オフ');
    expect(off.response.status).toBe(400);
    expect(off.body.error).toMatchObject({ code: 'invalid_request', field: 'mode' });
  });
});
