import { describe, expect, it } from 'vitest';
import { methodNotAllowed, readJsonBody } from './read-json';

const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://app.test/api/chat', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function errorOf(result: Awaited<ReturnType<typeof readJsonBody>>) {
  if (result.ok) throw new Error('expected a refusal');
  return { status: result.response.status, ...(await result.response.json()).error };
}

describe('readJsonBody', () => {
  it('reads JSON (also application/json; charset=utf-8 and +json types)', async () => {
    expect(await readJsonBody(post('{"a":"日本語"}'))).toEqual({ ok: true, body: { a: '日本語' } });
    expect((await readJsonBody(post('[]', { 'content-type': 'application/json; charset=utf-8' }))).ok).toBe(true);
    expect((await readJsonBody(post('{}', { 'content-type': 'application/merge-patch+json' }))).ok).toBe(true);
  });

  it('415 for anything but JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', '']) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      expect(await errorOf(await readJsonBody(post('{}', headers)))).toMatchObject({
        status: 415,
        code: 'unsupported_media_type',
        field: 'content-type',
      });
    }
  });

  it('413 past the limit, whether declared or streamed in chunks', async () => {
    expect(await errorOf(await readJsonBody(post(JSON.stringify({ a: 'x'.repeat(200) })), 100))).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      field: 'body',
      maxBytes: 100,
    });
    const chunked = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('"xxxxxxxxxxxxxxxxxxxx",'));
        c.close();
      },
    });
    expect(await errorOf(await readJsonBody(post(chunked), 100))).toMatchObject({ status: 413 });
  });

  it('400 naming the body for malformed JSON or invalid UTF-8', async () => {
    expect(await errorOf(await readJsonBody(post('{"messages": [')))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      field: 'body',
    });
    expect(await errorOf(await readJsonBody(post(new Uint8Array([0x22, 0xe3, 0x81, 0x22]))))).toMatchObject({
      status: 400,
    });
  });

  it('405 with Allow', async () => {
    const response = methodNotAllowed(['POST']);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed', field: 'method' } });
  });
});
