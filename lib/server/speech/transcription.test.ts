import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicVoiceConfig, resolveSttConfig, STT_HARD_MAX_BYTES, transcribe, type SttConfig } from './transcription';

describe('resolveSttConfig / publicVoiceConfig', () => {
  it('is off without SWALLOW_STT_BASE_URL; caps default and are bounded', () => {
    expect(resolveSttConfig({})).toBeNull();
    expect(publicVoiceConfig({})).toEqual({ server: null, browser: true });
    const config = resolveSttConfig({
      SWALLOW_STT_BASE_URL: 'http://u:p@stt:9000/v1/',
      SWALLOW_STT_MAX_BYTES: String(STT_HARD_MAX_BYTES * 2),
    });
    expect(config).toEqual({
      baseURL: 'http://stt:9000/v1',
      basicAuth: 'u:p',
      model: 'whisper-1',
      maxBytes: STT_HARD_MAX_BYTES,
      maxSeconds: 120,
    });
    expect(
      publicVoiceConfig({
        SWALLOW_STT_BASE_URL: 'http://stt/v1',
        SWALLOW_STT_API_KEY: 'k',
        SWALLOW_STT_BROWSER: 'off',
      }),
    ).toEqual({ server: { maxBytes: 5 * 1024 * 1024, maxSeconds: 120 }, browser: false });
  });
});

describe('transcribe', () => {
  let server: Server;
  let base: string;
  const seen: { auth?: string; type?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('latin1'),
      });
      if (req.url !== '/v1/audio/transcriptions') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: ' こんにちは ' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const config = (): SttConfig => ({
    baseURL: base,
    apiKey: 'stt-key',
    model: 'whisper-large',
    maxBytes: 1000,
    maxSeconds: 10,
  });
  const post = (form: FormData, headers: Record<string, string> = {}) =>
    new Request('http://app.test/api/transcribe', { method: 'POST', body: form, headers });
  const audio = (bytes: number, type = 'audio/webm') => new Blob([new Uint8Array(bytes)], { type });
  const form = (fields: Record<string, string | Blob>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const error = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string } }).error;

  it('forwards the audio with the model, language and key, and answers the text', async () => {
    const response = await transcribe(post(form({ file: audio(500), language: 'ja', duration: '3' })), config());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'こんにちは' });
    const last = seen.at(-1)!;
    expect(last.auth).toBe('Bearer stt-key');
    expect(last.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body).toContain('name="model"\r\n\r\nwhisper-large');
    expect(last.body).toContain('name="language"\r\n\r\nja');
    expect(last.body).toMatch(/name="file"; filename="[^"]+\.webm"/);
  });

  it('refuses, naming the problem: too large, too long, not audio, cross-site, not configured', async () => {
    const before = seen.length;
    const large = await transcribe(post(form({ file: audio(1001) })), config());
    expect(large.status).toBe(413);
    expect(await error(large)).toMatchObject({ code: 'payload_too_large', field: 'file', maxBytes: 1000 });
    const long = await transcribe(post(form({ file: audio(10), duration: '30' })), config());
    expect(long.status).toBe(413);
    expect(await error(long)).toMatchObject({ field: 'duration', message: 'The recording is longer than 10 seconds' });
    const text = await transcribe(post(form({ file: audio(10, 'text/plain') })), config());
    expect(text.status).toBe(415);
    const cross = await transcribe(post(form({ file: audio(10) }), { 'sec-fetch-site': 'cross-site' }), config());
    expect(cross.status).toBe(403);
    expect((await transcribe(post(form({ file: audio(10) })), null)).status).toBe(503);
    expect(seen.length).toBe(before);
  });

  it('says the server failed when it answers an error or cannot be reached', async () => {
    const wrong = await transcribe(post(form({ file: audio(10) })), { ...config(), baseURL: `${base}/nope` });
    expect(wrong.status).toBe(502);
    expect(await error(wrong)).toMatchObject({ code: 'upstream_error', status: 404 });
    const down = await transcribe(post(form({ file: audio(10) })), { ...config(), baseURL: 'http://127.0.0.1:9/v1' });
    expect(await error(down)).toMatchObject({ code: 'upstream_unreachable' });
  });
});
