import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from './fake-upstream.mjs';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;

beforeAll(async () => {
  upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
});
afterAll(() => upstream.close());

function tag(): string {
  return `tag-${Math.random().toString(36).slice(2, 10)}`;
}

function chat(content: string, extra: Record<string, unknown> = {}, init: RequestInit = {}): Promise<Response> {
  return fetch(`${upstream.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
    body: JSON.stringify({
      model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
      stream: true,
      messages: [
        { role: 'system', content: 'あなたは誠実で優秀な日本人のアシスタントです。' },
        { role: 'user', content },
      ],
      ...extra,
    }),
    ...init,
  });
}

/** The `data` of each event, per the SSE spec (any line ending, comments, multi-line data). */
function sseData(text: string): string[] {
  const events: string[] = [];
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) events.push(data.join('\n'));
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  return events;
}

interface Chunk {
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

function chunksOf(events: string[]): Chunk[] {
  return events.filter((data) => data !== '[DONE]').map((data) => JSON.parse(data) as Chunk);
}

function contentOf(chunks: Chunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

/** Decodes the body read by read, the way a browser or the AI SDK does (TextDecoder stream mode). */
async function decodeStream(response: Response): Promise<{ text: string; reads: number }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let reads = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    reads += 1;
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), reads };
}

describe('fake upstream', () => {
  it('answers health and model-list requests', async () => {
    expect(upstream.port).toBeGreaterThan(0);
    expect(await (await fetch(`${upstream.url}/health`)).text()).toBe('ok');
    const models = await (await fetch(`${upstream.url}/v1/models`)).json();
    expect(models.object).toBe('list');
    expect(models.data.map((m: { id: string }) => m.id)).toEqual([
      'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
      'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
    ]);
  });

  it('streams the plain Markdown reply with NVIDIA\u2019s cumulative usage and [DONE]', async () => {
    const response = await chat(`天気について教えて ${tag()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = sseData(await response.text());
    expect(events.at(-1)).toBe('[DONE]');

    const chunks = chunksOf(events);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.length - 1).toBeGreaterThanOrEqual(40);
    expect(chunks.length - 1).toBeLessThanOrEqual(80);
    chunks.forEach((chunk, i) => {
      expect(chunk.usage).toEqual({
        prompt_tokens: chunk.usage!.prompt_tokens,
        completion_tokens: i,
        total_tokens: chunk.usage!.prompt_tokens + i,
      });
      expect(chunk.usage!.prompt_tokens).toBeGreaterThan(0);
      expect(chunk.choices[0].finish_reason).toBe(i === chunks.length - 1 ? 'stop' : null);
    });

    const text = contentOf(chunks);
    expect(text.startsWith('了解しました。')).toBe(true);
    expect(text).toContain('天気について教えて');
    expect(text).toContain('## 見出し');
    expect(text).toContain('| 項目 | 値 |');
    expect(text).toContain('```ts\n');
  });

  it('applies a model-specific scenario only to requests for that model', async () => {
    const prompt = '[[scenario@70b:nvidia-429]] 比べる';
    const big = await chat(prompt, { model: 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1' });
    expect(big.status).toBe(429);
    await big.text();
    const small = await chat(prompt, { stream: false });
    expect(small.status).toBe(200);
    expect((await small.json()).choices[0].message.content).toContain('比べる');
  });

  it('answers a non-streaming request with one chat.completion', async () => {
    const response = await chat('[[scenario:plain]] こんにちは', { stream: false });
    const json = await response.json();
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0].message.content).toMatch(/^了解しました。「こんにちは」/);
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
  });

  it('utf8-split bytes decode to the exact Japanese text, 🍣 included', async () => {
    const { text, reads } = await decodeStream(await chat('[[scenario:utf8-split]]'));
    expect(reads).toBeGreaterThan(1);
    const events = sseData(text);
    expect(events.at(-1)).toBe('[DONE]');
    expect(contentOf(chunksOf(events))).toBe('お寿司🍣が大好きです。築地の鮪は絶品でした！東京🗼の夜景も綺麗。');
  });

  it('malformed (CRLF, comments, multi-line data) is still a valid SSE stream', async () => {
    const raw = await (await chat('[[scenario:malformed]]')).text();
    expect(raw).toContain(': keep-alive\r\n');
    const events = sseData(raw);
    expect(events.at(-1)).toBe('[DONE]');
    expect(contentOf(chunksOf(events))).toBe('壊れかけに見えるストリームでも、正しく読めます。');
  });

  it('vllm-usage sends usage only in a final choices:[] chunk, and only when asked', async () => {
    const withUsage = chunksOf(
      sseData(await (await chat('[[scenario:vllm-usage]]', { stream_options: { include_usage: true } })).text()),
    );
    expect(withUsage.slice(0, -1).every((chunk) => !('usage' in chunk))).toBe(true);
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: withUsage.length - 2 } });

    const without = chunksOf(sseData(await (await chat('[[scenario:vllm-usage]]')).text()));
    expect(without.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('no-done and vllm-midstream-error end without [DONE]', async () => {
    const noDone = sseData(await (await chat('[[scenario:no-done]]')).text());
    expect(noDone).not.toContain('[DONE]');
    expect(chunksOf(noDone).at(-1)!.choices[0].finish_reason).toBe('stop');

    const midstream = await chat('[[scenario:vllm-midstream-error]]');
    expect(midstream.status).toBe(200);
    const events = sseData(await midstream.text());
    expect(events.at(-1)).toBe(
      '{"error":{"message":"CUDA out of memory","type":"InternalServerError","param":null,"code":500}}',
    );
  });

  it('nvidia-401 has an empty body and WWW-Authenticate', async () => {
    const response = await chat('[[scenario:nvidia-401]]');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.text()).toBe('');
  });

  it('nvidia-429 carries Retry-After; the data:-prefixed variant does not', async () => {
    const response = await chat('[[scenario:nvidia-429]]');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ status: 429, title: 'Too Many Requests' });

    const prefixed = await chat('[[scenario:nvidia-429-data-prefix]]');
    expect(prefixed.status).toBe(429);
    expect(prefixed.headers.get('retry-after')).toBeNull();
    expect(await prefixed.text()).toBe('data: {"status":429,"title":"Too Many Requests"}');
  });

  it('nvidia-429-17 asks for 17 s; nvidia-429-once fails the first request per message only', async () => {
    const long = await chat('[[scenario:nvidia-429-17]]');
    expect(long.status).toBe(429);
    expect(long.headers.get('retry-after')).toBe('17');
    await long.text();

    const message = `[[scenario:nvidia-429-once]] ${tag()}`;
    const first = await chat(message);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await first.text();
    const second = await chat(message);
    expect(second.status).toBe(200);
    expect(contentOf(chunksOf(sseData(await second.text())))).toContain('了解しました。');
    // Another message has its own first attempt.
    expect((await chat(`[[scenario:nvidia-429-once]] ${tag()}`)).status).toBe(429);
  });

  it('sends upstream error bodies byte for byte', async () => {
    const llamacpp = await chat('[[scenario:llamacpp-503]]');
    expect(llamacpp.status).toBe(503);
    expect(await llamacpp.text()).toBe('{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}');
    const ollama = await chat('[[scenario:ollama-404]]');
    expect(await ollama.text()).toBe(
      '{"error":{"message":"model \\"swallow\\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}',
    );
  });

  it('rejects an unknown scenario by name, and drop resets the connection', async () => {
    const unknown = await chat('[[scenario:no-such-thing]]');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('no-such-thing');
    await expect(chat('[[scenario:drop]]')).rejects.toThrow();
  });

  it('marks a slow stream aborted within 1 s of the client disconnecting', async () => {
    const marker = tag();
    const controller = new AbortController();
    const response = await chat(`[[scenario:slow]] ${marker}`, {}, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('ゆっくり')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    const abortedAt = Date.now();
    let entry;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [entry] = await (await fetch(`${upstream.url}/__requests?contains=${marker}`)).json();
    } while (!entry.aborted && Date.now() - abortedAt < 1000);
    expect(entry).toMatchObject({ aborted: true, finished: false, authorization: 'Bearer test-key' });
    expect(entry.closedAt).toBeGreaterThanOrEqual(entry.startedAt);
  });

  it('filters the request log with ?contains and clears it with /__reset', async () => {
    const [a, b] = [tag(), tag()];
    await (await chat(`一つ目 ${a}`, { stream: false })).text();
    await (await chat(`二つ目 ${b}`, { stream: false })).text();

    const onlyA = await (await fetch(`${upstream.url}/__requests?contains=${a}`)).json();
    expect(onlyA).toHaveLength(1);
    expect(onlyA[0]).toMatchObject({ finished: true, aborted: false, body: { stream: false } });
    expect(onlyA[0].body.messages.at(-1).content).toBe(`一つ目 ${a}`);

    const all = await (await fetch(`${upstream.url}/__requests`)).json();
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${upstream.url}/__reset`, { method: 'POST' })).status).toBe(200);
    expect(await (await fetch(`${upstream.url}/__requests`)).json()).toEqual([]);
  });
});
