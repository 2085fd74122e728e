import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { POST } from '../../../app/api/chat/route';

/**
 * The chat route against the fake upstream, with everything the process prints captured: one
 * log line per request, and never the conversation or the key, whatever the request did.
 */
const MARKER = `MARKER-${crypto.randomUUID()}`;
const KEY = `nvapi-LOGKEY-${crypto.randomUUID()}`;
const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let printed: string[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
});
afterAll(() => upstream.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function capture() {
  printed = [];
  const record = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(record);
  vi.spyOn(process.stderr, 'write').mockImplementation(record);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void record(`${args.map(String).join(' ')}\n`));
}

async function chat(body: object) {
  vi.stubEnv('SWALLOW_BASE_URL', `${upstream.url}/v1`);
  vi.stubEnv('SWALLOW_API_KEY', KEY);
  vi.stubEnv('RATE_LIMIT_PER_MINUTE', '0');
  vi.stubEnv('RATE_LIMIT_CONCURRENT', '0');
  vi.stubEnv('LOG_FORMAT', 'json');
  capture();
  const request = new NextRequest('http://app.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const response = await POST(request);
  const text = await response.text();
  vi.restoreAllMocks();
  const lines = printed.join('').split('\n').filter(Boolean);
  const records = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  const reply = [...text.matchAll(/"delta":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  return { response, reply: reply.join(''), lines, records };
}

const body = (content: string, extra: object = {}) => ({
  messages: [{ role: 'user', content }],
  model: MODEL,
  system: `system prompt ${MARKER}`,
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 64,
  ...extra,
});

describe('the chat request log', () => {
  it('logs a streamed reply in one JSON line, without the message, the reply or the key', async () => {
    const { response, reply, lines, records } = await chat(body(`${MARKER} について教えて`));
    expect(reply).toContain(MARKER); // the fake echoes the message: the marker was in the reply too
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      model: MODEL,
      outcome: 'ok',
      status: 200,
      ttftMs: expect.any(Number),
      durationMs: expect.any(Number),
      tokensIn: expect.any(Number),
      tokensOut: expect.any(Number),
      droppedTurns: 0,
    });
    for (const line of lines) expect(line).not.toMatch(new RegExp(`${MARKER}|${KEY}`));
  });

  it('logs a failed reply with its code, and the key the upstream echoed stays out', async () => {
    const { lines, records } = await chat(body(`${MARKER} [[scenario:echo-key-401]]`));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'bad_key', status: 200, model: MODEL });
    expect(lines.join('\n')).not.toMatch(new RegExp(`${MARKER}|${KEY}`));
  });

  it('logs a refused request with its code and status', async () => {
    const { response, lines, records } = await chat(body(MARKER, { temperature: 5 }));
    expect(response.status).toBe(400);
    expect(records).toEqual([expect.objectContaining({ outcome: 'invalid_request', status: 400 })]);
    expect(records[0].requestId).toBe(response.headers.get('x-request-id'));
    expect(lines.join('\n')).not.toMatch(new RegExp(`${MARKER}|${KEY}`));
  });

  it('logs a request with documents without their names or text (issue #19)', async () => {
    const documents = [{ name: `${MARKER}.txt`, text: `議事録 ${MARKER}` }];
    const { reply, lines, records } = await chat({
      ...body('要約して'),
      messages: [{ role: 'user', content: '要約して', documents }],
    });
    expect(reply).toContain(`<document name="${MARKER}.txt">`); // the model got the document
    expect(records).toEqual([expect.objectContaining({ outcome: 'ok', status: 200 })]);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${MARKER}|${KEY}`));
  });
});
