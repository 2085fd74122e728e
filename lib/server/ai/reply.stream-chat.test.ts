import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MALFORMED_TEXT,
  REASONING_ANSWER,
  REASONING_PIECES,
  startFakeUpstream,
  UTF8_SPLIT_TEXT,
} from '../../../e2e/fake-upstream.mjs';
import { resolveEndpoint } from './upstream';
import { scenarioChatInput, scenarioReply } from '../../../e2e/support/scenario-reply';
import { streamChat } from './reply';

/** The reply through streamChat against the fake upstream: every SSE event, parsed. */
describe('streamChat against the fake upstream', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
  });
  afterAll(() => upstream.close());

  const run = (scenario: string, onClose?: () => void) => scenarioReply(upstream.url, scenario, { onClose });

  it('long (3,000 chunks at full speed): every token in order, fewer events than chunks, one close', async () => {
    let closed = 0;
    const { response, events, parts, text, deltas } = await run('long', () => closed++);
    const words = ['長い', '応答', 'の', '一部', '、'];
    expect(text).toBe(Array.from({ length: 3000 }, (_, i) => words[i % 5]).join(''));
    // Chunks that arrived in one read were merged (ui-sse.ts).
    expect(deltas).toBeLessThan(3000);
    expect(parts[0]).toMatchObject({ type: 'start', messageId: expect.any(String) });
    expect(parts.at(-1)).toMatchObject({ type: 'finish' });
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(closed).toBe(1);
  });

  it('paced (a chunk every 10 ms): joined into batches once the text has begun, the text unchanged', async () => {
    const alone = await scenarioReply(upstream.url, 'paced', { batchMs: 0 });
    const batched = await scenarioReply(upstream.url, 'paced', { batchMs: 50 });
    expect(batched.text).toBe(alone.text);
    expect(alone.deltas).toBeGreaterThan(150); // 200 chunks, nearly all in reads of their own
    // ~5 chunks per 50 ms batch; the first text on its own.
    expect(batched.deltas).toBeLessThan(alone.deltas / 3);
    expect(batched.parts.find((p) => p.type === 'text-delta')!.delta).toBe(
      alone.parts.find((p) => p.type === 'text-delta')!.delta,
    );
    // Two paced replies of 200 chunks 10 ms apart take 4 s at best: more than vitest's 5 s default
    // once the machine is busy.
  }, 20_000);

  it("a reasoning model's thinking arrives as reasoning parts, apart from the answer: as a field or in <think> tags", async () => {
    const thinking = REASONING_PIECES.join('');
    const field = await run('reasoning-field');
    expect([field.reasoning, field.text]).toEqual([thinking, REASONING_ANSWER]);
    const tags = await scenarioReply(upstream.url, 'reasoning-think', { reasoning: true });
    expect([tags.reasoning.trim(), tags.text.trim()]).toEqual([thinking, REASONING_ANSWER]);
    expect(tags.parts.findIndex((p) => p.type === 'reasoning-end')).toBeLessThan(
      tags.parts.findIndex((p) => p.type === 'text-delta'),
    );
    // Tags are only read as reasoning for a model whose profile says it reasons.
    expect((await run('reasoning-think')).text).toContain(`<think>\n${thinking}`);
  });

  it('sends reasoning_effort and chat_template_kwargs top-level in the upstream body, only when the request has them', async () => {
    const bodies = [];
    for (const extra of [
      { reasoning_effort: 'high' as const },
      { chat_template_kwargs: { enable_thinking: false } },
      {},
    ]) {
      const tag = `reasoning-${Object.keys(extra).join('') || 'none'}-${Math.random().toString(36).slice(2)}`;
      const input = scenarioChatInput(upstream.url, 'plain');
      input.request = { ...input.request, ...extra };
      input.messages = [{ role: 'user', content: `[[scenario:plain]] ${tag}` }];
      await streamChat(input).text();
      const log = (await (await fetch(`${upstream.url}/__requests?contains=${tag}`)).json()) as {
        body: Record<string, unknown>;
      }[];
      bodies.push(log[0].body);
    }
    expect(bodies[0]).toMatchObject({ reasoning_effort: 'high' });
    expect(bodies[0]).not.toHaveProperty('chat_template_kwargs');
    expect(bodies[1]).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
    expect(bodies[1]).not.toHaveProperty('reasoning_effort');
    expect(bodies[2]).not.toHaveProperty('reasoning_effort');
    expect(bodies[2]).not.toHaveProperty('chat_template_kwargs');
  });

  it('untidy SSE and UTF-8 split across reads arrive intact', async () => {
    expect((await run('malformed')).text).toBe(MALFORMED_TEXT);
    expect((await run('utf8-split')).text).toBe(UTF8_SPLIT_TEXT);
  });

  it('an error inside a 200 stream keeps the partial text and ends with an error part', async () => {
    const { parts, text } = await run('vllm-midstream-error');
    expect(text).toBe('途中までは順調に生成して');
    const error = parts.find((p) => p.type === 'error');
    expect(JSON.parse(error!.errorText!)).toMatchObject({ code: expect.any(String) });
  });

  it('an upstream error that echoes the key and the URL reaches the browser without either', async () => {
    const apiKey = 'sk-echo-test-4f1d9c2b7e';
    const { raw, parts } = await scenarioReply(upstream.url, 'echo-key-401', { apiKey });
    const error = JSON.parse(parts.find((p) => p.type === 'error')!.errorText!) as { code: string; detail?: string };
    expect(error).toMatchObject({ code: 'bad_key', status: 401 });
    expect(error.detail).toContain('Incorrect API key provided: [redacted]');
    expect(raw).not.toContain(apiKey);
    expect(raw).not.toContain(new URL(upstream.url).host);
  });

  it('a base URL written with credentials works: they go in a Basic Authorization header, never to the browser', async () => {
    const port = new URL(upstream.url).port;
    const endpoint = resolveEndpoint({ SWALLOW_BASE_URL: `http://swallow-user:p%40ss-9f2c@127.0.0.1:${port}/v1` })!;
    const reply = await scenarioReply(upstream.url, 'plain', { endpoint });
    expect(reply.parts.find((p) => p.type === 'error')).toBeUndefined();
    expect(reply.text.length).toBeGreaterThan(0);

    const { raw, parts } = await scenarioReply(upstream.url, 'echo-key-401', { endpoint });
    const error = JSON.parse(parts.find((p) => p.type === 'error')!.errorText!) as { code: string; detail?: string };
    expect(error).toMatchObject({ code: 'bad_key', status: 401 });
    for (const secret of ['swallow-user', 'p@ss-9f2c', Buffer.from('swallow-user:p@ss-9f2c').toString('base64')])
      expect(raw).not.toContain(secret);
    expect(raw).not.toContain(`127.0.0.1:${port}`);
  });

  it('a refused connection names no host or port', async () => {
    const endpoint = resolveEndpoint({ SWALLOW_BASE_URL: 'http://127.0.0.1:9/v1' })!;
    const { raw, parts } = await scenarioReply(upstream.url, 'plain', { endpoint });
    const error = JSON.parse(parts.find((p) => p.type === 'error')!.errorText!) as { code: string; detail?: string };
    expect(error.code).toBe('upstream_unreachable');
    expect(raw).not.toMatch(/127\.0\.0\.1|:9\b/);
  });
});
