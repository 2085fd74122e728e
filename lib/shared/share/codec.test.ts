import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_DECODED_BYTES, MAX_ENCODED_CHARS } from './codec';
import type { SharePayload } from './payload';

const base: SharePayload = {
  v: 1,
  name: 'ビジネスメール作成',
  systemPrompt:
    'あなたは日本のビジネス文書に精通したアシスタントです。尊敬語・謙譲語・丁寧語を正しく使い分けてください。',
  params: { temperature: 0.5, topP: 0.9, maxTokens: 1024 },
  model: 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
  draft: '取引先に納品が遅れることをお詫びするメール',
};

async function raw(text: string): Promise<string> {
  // Builds a link from arbitrary bytes, the way a tampered link would be made.
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return `1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

describe('share links', () => {
  it.each([
    ['Japanese', base],
    [
      'English',
      { ...base, name: 'Business email', systemPrompt: 'You are a helpful assistant.', draft: 'Hello there' },
    ],
    [
      'emoji and mixed',
      { ...base, name: '🍣 Sushi bot 寿司', systemPrompt: 'Mix 日本語 and English 👍🏽 — ZWJ 👨‍👩‍👧', draft: '𠮷野家 🇯🇵' },
    ],
    [
      'a conversation',
      {
        ...base,
        messages: [
          { role: 'user' as const, content: 'こんにちは' },
          { role: 'assistant' as const, content: 'こんにちは！' },
        ],
      },
    ],
  ])('round-trips %s exactly', async (_, payload) => {
    const link = await encodeShare(payload);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShare(link)).toEqual({ ok: true, payload });
  });

  it('refuses a link from another version', async () => {
    const link = await encodeShare(base);
    expect(await decodeShare(link.replace(/^1\./, '2.'))).toEqual({ ok: false, error: 'bad_version' });
  });

  it('refuses bad base64, bad compression and truncation', async () => {
    expect(await decodeShare('1.@@@@')).toEqual({ ok: false, error: 'bad_encoding' });
    expect(await decodeShare('garbage')).toEqual({ ok: false, error: 'bad_encoding' });
    expect(await decodeShare('1.AAAAAAAA_____w')).toMatchObject({ ok: false });
    const link = await encodeShare(base);
    const truncated = await decodeShare(link.slice(0, Math.floor(link.length / 2)));
    expect(truncated.ok).toBe(false);
  });

  it('refuses JSON of the wrong shape, including fields a link may never set', async () => {
    expect(await decodeShare(await raw('not json'))).toEqual({ ok: false, error: 'not_json' });
    expect(await decodeShare(await raw(JSON.stringify({ ...base, baseURL: 'http://evil' })))).toEqual({
      ok: false,
      error: 'wrong_shape',
    });
    expect(await decodeShare(await raw(JSON.stringify({ ...base, apiKey: 'x' })))).toEqual({
      ok: false,
      error: 'wrong_shape',
    });
    expect(
      await decodeShare(await raw(JSON.stringify({ ...base, params: { ...base.params, temperature: 99 } }))),
    ).toEqual({ ok: false, error: 'wrong_shape' });
  });

  it('refuses an oversized link before decoding it', async () => {
    expect(await decodeShare(`1.${'A'.repeat(MAX_ENCODED_CHARS)}`)).toEqual({ ok: false, error: 'too_long' });
  });

  it('stops a decompression bomb at the size cap', async () => {
    const bomb = await raw(' '.repeat(MAX_DECODED_BYTES * 20));
    expect(bomb.length).toBeLessThan(MAX_ENCODED_CHARS);
    expect(await decodeShare(bomb)).toEqual({ ok: false, error: 'too_large' });
  });
});
