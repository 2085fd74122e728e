import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APICallError, RetryError, StreamProviderError, TypeValidationError, streamText } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  CHAT_ERROR_CODES,
  classifyUpstreamError,
  httpStatusFor,
  parseChatError,
  retryAfterFrom,
  serializeChatError,
} from './errors';
import { MAX_HTML_CHARS, summarizeValidationDetail } from '../../shared/ai/chat-error';

const URL_ = 'https://integrate.api.nvidia.com/v1/chat/completions';

/** An APICallError built the way provider-utils' createJsonErrorResponseHandler builds it. */
function apiError(statusCode: number, responseBody: string, headers: Record<string, string> = {}, message?: string) {
  let parsedMessage: string | undefined;
  try {
    const m = (JSON.parse(responseBody) as { error?: { message?: unknown } }).error?.message;
    if (typeof m === 'string') parsedMessage = m;
  } catch {
    // the SDK falls back to the status text
  }
  return new APICallError({
    message: message ?? parsedMessage ?? http.STATUS_CODES[statusCode] ?? '',
    url: URL_,
    requestBodyValues: { model: 'm', messages: [] },
    statusCode,
    responseHeaders: { 'content-type': 'application/json', ...headers },
    responseBody,
  });
}

const PYDANTIC =
  "[{'type': 'less_than_equal', 'loc': ('body', 'max_tokens'), 'msg': 'Input should be less than or equal to 4096', 'input': 99999, 'ctx': {'le': 4096}}]";

describe('classifyUpstreamError: HTTP error bodies', () => {
  it('NVIDIA 400 problem details with a pydantic list → upstream_bad_request with a readable detail', () => {
    const body = JSON.stringify({
      type: 'urn:kaizen:problem-details:bad-request',
      title: 'Bad Request',
      status: 400,
      detail: PYDANTIC,
    });
    const e = apiError(400, body);
    expect(e.isRetryable).toBe(false);
    expect(classifyUpstreamError(e)).toEqual({
      code: 'upstream_bad_request',
      status: 400,
      detail: 'max_tokens: Input should be less than or equal to 4096',
    });
  });

  it('NVIDIA 400 prefixed with "data:" is still read', () => {
    const body = `data: ${JSON.stringify({ status: 400, title: 'Bad Request', detail: PYDANTIC })}`;
    expect(classifyUpstreamError(apiError(400, body)).detail).toBe(
      'max_tokens: Input should be less than or equal to 4096',
    );
  });

  it('NVIDIA 401 with an empty body → bad_key', () => {
    const e = apiError(401, '', { 'www-authenticate': 'Bearer error="invalid_token"' });
    expect(classifyUpstreamError(e)).toEqual({ code: 'bad_key', status: 401, detail: 'Unauthorized' });
  });

  it('NVIDIA 403 "Authorization failed" → forbidden', () => {
    const e = apiError(403, '{"status":403,"title":"Forbidden","detail":"Authorization failed"}');
    expect(classifyUpstreamError(e)).toEqual({ code: 'forbidden', status: 403, detail: 'Authorization failed' });
  });

  it('NVIDIA 404 "Function \'…\': Not found for account" → model_not_found', () => {
    const detail = "Function 'abc': Not found for account 'xyz'";
    const e = apiError(404, JSON.stringify({ status: 404, title: 'Not Found', detail }));
    expect(classifyUpstreamError(e)).toEqual({ code: 'model_not_found', status: 404, detail });
  });

  it('NVIDIA 429 → rate_limited with Retry-After seconds, also through RetryError', () => {
    const e = apiError(429, '{"status":429,"title":"Too Many Requests"}', { 'retry-after': '7' });
    expect(e.isRetryable).toBe(true);
    const expected = { code: 'rate_limited', status: 429, detail: 'Too Many Requests', retryAfterSeconds: 7 };
    expect(classifyUpstreamError(e)).toEqual(expected);
    const retry = new RetryError({
      message: 'Failed after 2 attempts. Last error: Too Many Requests',
      reason: 'maxRetriesExceeded',
      errors: [e, e],
    });
    expect(classifyUpstreamError(retry)).toEqual(expected);
  });

  it('Retry-After as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterFrom({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterFrom({ 'retry-after-ms': '1500' }, now)).toBe(2);
    expect(retryAfterFrom({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterFrom(undefined)).toBeUndefined();
  });

  it('vLLM flat error (before 0.10.1) with a context-length message → context_too_long', () => {
    const message =
      "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8488 in the messages, 512 in the completion).";
    const e = apiError(
      400,
      JSON.stringify({ object: 'error', message, type: 'BadRequestError', param: null, code: 400 }),
    );
    expect(classifyUpstreamError(e)).toEqual({ code: 'context_too_long', status: 400, detail: message });
  });

  it('vLLM nested error → upstream_bad_request; unknown model 404 → model_not_found', () => {
    const bad = apiError(
      400,
      JSON.stringify({
        error: { message: 'temperature must be >= 0', type: 'BadRequestError', param: null, code: 400 },
      }),
    );
    expect(bad.message).toBe('temperature must be >= 0');
    expect(classifyUpstreamError(bad)).toEqual({
      code: 'upstream_bad_request',
      status: 400,
      detail: 'temperature must be >= 0',
    });
    const missing = apiError(
      404,
      JSON.stringify({
        error: { message: 'The model `x` does not exist.', type: 'NotFoundError', param: 'model', code: 404 },
      }),
    );
    expect(classifyUpstreamError(missing).code).toBe('model_not_found');
  });

  it('Ollama not_found_error and api_error', () => {
    const nf = apiError(
      404,
      '{"error":{"message":"model \\"swallow\\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}',
    );
    expect(classifyUpstreamError(nf)).toEqual({
      code: 'model_not_found',
      status: 404,
      detail: 'model "swallow" not found, try pulling it first',
    });
    const api = apiError(
      500,
      '{"error":{"message":"llama runner process has terminated","type":"api_error","param":null,"code":null}}',
    );
    expect(classifyUpstreamError(api).code).toBe('upstream_unavailable');
  });

  it('llama.cpp 503 "Loading model" → model_loading', () => {
    const e = apiError(503, '{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}');
    expect(classifyUpstreamError(e)).toEqual({ code: 'model_loading', status: 503, detail: 'Loading model' });
  });

  it('llama.cpp exceed_context_size_error → context_too_long', () => {
    const body = {
      error: {
        code: 400,
        message: 'request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it',
        type: 'exceed_context_size_error',
        n_prompt_tokens: 9000,
        n_ctx: 8192,
      },
    };
    expect(classifyUpstreamError(apiError(400, JSON.stringify(body))).code).toBe('context_too_long');
  });

  it('502 HTML page → upstream_unavailable with the page heading', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    expect(classifyUpstreamError(apiError(502, html))).toEqual({
      code: 'upstream_unavailable',
      status: 502,
      detail: '502 Bad Gateway',
    });
  });

  it('an HTML page is read for its first 16 KB only: a heading after that is not looked for', () => {
    const filler = `<p>${'詳細 '.repeat(MAX_HTML_CHARS / 3)}</p>`;
    const page = `<html><body><p>Proxy error</p>${filler}<h1>Late heading</h1>${'<script>'.repeat(30_000)}</body></html>`;
    const { detail } = classifyUpstreamError(apiError(502, page));
    expect(detail).toMatch(/^Proxy error/);
    expect(detail).not.toContain('Late heading');
  });

  it('413 / 422 and other statuses', () => {
    expect(classifyUpstreamError(apiError(413, 'too many tokens in request')).code).toBe('context_too_long');
    expect(classifyUpstreamError(apiError(413, 'Request Entity Too Large')).code).toBe('upstream_bad_request');
    const fastapi = JSON.stringify({
      detail: [{ loc: ['body', 'messages', 0, 'content'], msg: 'Field required', type: 'missing' }],
    });
    expect(classifyUpstreamError(apiError(422, fastapi))).toEqual({
      code: 'upstream_bad_request',
      status: 422,
      detail: 'content: Field required',
    });
    expect(classifyUpstreamError(apiError(500, '')).code).toBe('upstream_unavailable');
    expect(classifyUpstreamError(apiError(504, '')).code).toBe('upstream_timeout');
  });

  it('detail never exceeds 300 characters and never leaks a key', () => {
    const long = apiError(400, JSON.stringify({ error: { message: 'x'.repeat(5000) } }));
    expect(classifyUpstreamError(long).detail!.length).toBeLessThanOrEqual(300);
    const leaky = apiError(
      400,
      JSON.stringify({
        error: {
          message: 'bad header Authorization: Bearer nvapi-FAKE-header-key for key nvapi-FAKE-body-key',
        },
      }),
    );
    const { detail } = classifyUpstreamError(leaky);
    expect(detail).not.toMatch(/nvapi-/);
    expect(detail).toContain('[redacted]');
  });
});

describe('classifyUpstreamError: network, timeouts, mid-stream errors', () => {
  const refused = () =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });

  it('a raw fetch TypeError, and the APICallError the SDK wraps it in', () => {
    expect(classifyUpstreamError(refused())).toEqual({
      code: 'upstream_unreachable',
      detail: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    const wrapped = new APICallError({
      message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:1',
      url: URL_,
      requestBodyValues: {},
      cause: refused().cause,
      isRetryable: true,
    });
    expect(classifyUpstreamError(wrapped).code).toBe('upstream_unreachable');
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_SOCKET'])('%s → upstream_unreachable', (code) => {
    const e = new TypeError('fetch failed', { cause: Object.assign(new Error(`boom ${code}`), { code }) });
    expect(classifyUpstreamError(e).code).toBe('upstream_unreachable');
  });

  it('socket hang up, and a socket closed while reading the stream (status 200)', () => {
    expect(classifyUpstreamError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).code).toBe(
      'upstream_unreachable',
    );
    const terminated = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const e = new APICallError({
      message: 'Failed to process successful response',
      url: URL_,
      requestBodyValues: {},
      statusCode: 200,
      cause: terminated,
      isRetryable: true,
    });
    expect(classifyUpstreamError(e)).toEqual({ code: 'upstream_unreachable', detail: 'other side closed' });
  });

  it('TimeoutError → upstream_timeout; other errors → upstream_error', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyUpstreamError(timeout).code).toBe('upstream_timeout');
    expect(classifyUpstreamError(new Error('outer', { cause: timeout })).code).toBe('upstream_timeout');
    expect(classifyUpstreamError(new Error('something odd'))).toEqual({
      code: 'upstream_error',
      detail: 'something odd',
    });
    expect(classifyUpstreamError(undefined).code).toBe('upstream_error');
  });

  it('vLLM mid-stream error object (what the provider puts in the error part)', () => {
    const part = { message: 'prompt is too long for this model', type: 'BadRequestError', param: null, code: 400 };
    expect(classifyUpstreamError(part)).toEqual({
      code: 'context_too_long',
      status: 400,
      detail: 'prompt is too long for this model',
    });
    expect(classifyUpstreamError({ error: { message: 'boom', type: 'BadRequestError', code: 400 } })).toEqual({
      code: 'upstream_bad_request',
      status: 400,
      detail: 'boom',
    });
    expect(classifyUpstreamError({ message: 'Loading model', type: 'unavailable_error', code: 503 }).code).toBe(
      'model_loading',
    );
  });

  it('a flat vLLM error mid-stream fails the chunk schema: TypeValidationError.value is read', () => {
    const value = { object: 'error', message: 'flat boom', type: 'BadRequestError', code: 400 };
    const e = new TypeValidationError({ value, cause: new Error('invalid_union') });
    expect(classifyUpstreamError(e)).toEqual({ code: 'upstream_bad_request', status: 400, detail: 'flat boom' });
  });
});

describe('serialize / parse', () => {
  it('round trips', () => {
    for (const e of [
      { code: 'rate_limited', status: 429, detail: 'Too Many Requests', retryAfterSeconds: 7 },
      { code: 'upstream_unreachable' },
    ] as const) {
      expect(parseChatError(serializeChatError(e))).toEqual(e);
    }
  });

  it('reads JSON HTTP error bodies', () => {
    expect(parseChatError('{"error":{"code":"bad_key","message":"The API key was rejected"}}')).toEqual({
      code: 'bad_key',
      detail: 'The API key was rejected',
    });
    expect(parseChatError('{"code":"not_configured"}')).toEqual({ code: 'not_configured' });
    expect(parseChatError('{"error":{"code":"rate_limited","retryAfterSeconds":12}}')).toEqual({
      code: 'rate_limited',
      retryAfterSeconds: 12,
    });
  });

  it('anything else → upstream_error with the text (≤ 300 chars)', () => {
    expect(parseChatError('An error occurred.')).toEqual({ code: 'upstream_error', detail: 'An error occurred.' });
    expect(parseChatError('{"code":"nope"}')).toEqual({ code: 'upstream_error', detail: '{"code":"nope"}' });
    expect(parseChatError(undefined)).toEqual({ code: 'upstream_error' });
    expect(parseChatError(null)).toEqual({ code: 'upstream_error' });
    expect(parseChatError('\u0000garbage{{'.repeat(100)).detail!.length).toBeLessThanOrEqual(300);
  });

  it('httpStatusFor', () => {
    expect(httpStatusFor('not_configured')).toBe(503);
    expect(httpStatusFor('invalid_request')).toBe(400);
    expect(httpStatusFor('context_too_long')).toBe(400);
    expect(httpStatusFor('rate_limited')).toBe(429);
    expect(httpStatusFor('upstream_timeout')).toBe(504);
    expect(httpStatusFor('bad_key')).toBe(502);
    for (const code of CHAT_ERROR_CODES) expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
  });

  it('summarizes several pydantic errors', () => {
    const two = `[{'type': 'x', 'loc': ('body', 'top_p'), 'msg': "Input can't exceed 1", 'input': 2}, {'type': 'y', 'loc': ('body',), 'msg': 'Bad', 'input': 1}]`;
    expect(summarizeValidationDetail(two)).toBe("top_p: Input can't exceed 1; body: Bad");
    expect(summarizeValidationDetail('plain text')).toBe('plain text');
  });
});

describe('with the real provider and streamText', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function listen(handler: http.RequestListener) {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Runs a streamed completion; returns the errors onError saw and those found in fullStream. */
  async function run(baseURL: string, maxRetries = 0) {
    const provider = createOpenAICompatible({
      name: 'test',
      baseURL,
      apiKey: 'nvapi-FAKE-test-key',
      includeUsage: true,
    });
    const seen: unknown[] = [];
    const result = streamText({
      model: provider.chatModel('m'),
      prompt: 'こんにちは',
      maxRetries,
      onError: ({ error }) => void seen.push(error),
    });
    const parts: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'error') parts.push(part.error);
    return { seen, parts };
  }

  it('NVIDIA 429 problem details with Retry-After → rate_limited', async () => {
    const port = await listen((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '7' });
      res.end('{"status":429,"title":"Too Many Requests"}');
    });
    const { seen, parts } = await run(`http://127.0.0.1:${port}/v1`);
    expect(seen).toHaveLength(1);
    expect(parts[0]).toBe(seen[0]);
    expect(APICallError.isInstance(seen[0])).toBe(true);
    expect(classifyUpstreamError(seen[0])).toEqual({
      code: 'rate_limited',
      status: 429,
      detail: 'Too Many Requests',
      retryAfterSeconds: 7,
    });
  });

  it('with one retry onError gets a RetryError, still rate_limited', async () => {
    const port = await listen((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '0' });
      res.end('{"status":429,"title":"Too Many Requests"}');
    });
    const { seen } = await run(`http://127.0.0.1:${port}/v1`, 1);
    expect(RetryError.isInstance(seen[0])).toBe(true);
    expect(classifyUpstreamError(seen[0])).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 0 });
  });

  it('a closed port → upstream_unreachable', async () => {
    const port = await listen(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const { seen } = await run(`http://127.0.0.1:${port}/v1`);
    expect(classifyUpstreamError(seen[0])).toEqual({
      code: 'upstream_unreachable',
      detail: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('a vLLM error chunk mid-stream (HTTP 200) → its code', async () => {
    const chunk = {
      id: '1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'はい' }, finish_reason: null }],
    };
    const port = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      res.end(
        'data: {"error":{"message":"This model\'s maximum context length is 8192 tokens.","type":"BadRequestError","param":null,"code":400}}\n\n',
      );
    });
    const { seen } = await run(`http://127.0.0.1:${port}/v1`);
    // AI SDK 7's streamText wraps the provider's error object in a StreamProviderError.
    expect(StreamProviderError.isInstance(seen[0])).toBe(true);
    expect(classifyUpstreamError(seen[0])).toMatchObject({ code: 'context_too_long', status: 400 });
  });
});
