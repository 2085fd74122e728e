import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingMimeType, transcribe, withDictation } from './dictation';

describe('withDictation', () => {
  it('puts Japanese at the caret without spaces, the caret after it', () => {
    expect(withDictation('今日は。明日も', '晴れです', 3, 3)).toEqual({ value: '今日は晴れです。明日も', caret: 7 });
  });

  it('separates Latin words with a space on either side, and replaces a selection', () => {
    expect(withDictation('Hello world', 'big', 6, 6)).toEqual({ value: 'Hello big world', caret: 10 });
    expect(withDictation('Hello', 'there', 5, 5)).toEqual({ value: 'Hello there', caret: 11 });
    expect(withDictation('a XXX b', 'new', 2, 5)).toEqual({ value: 'a new b', caret: 5 });
    expect(withDictation('', 'first', 0, 0)).toEqual({ value: 'first', caret: 5 });
  });
});

describe('recordingMimeType', () => {
  it('prefers Opus in WebM, then what the browser has (Safari: MP4)', () => {
    expect(recordingMimeType({ isTypeSupported: () => true })).toBe('audio/webm;codecs=opus');
    expect(recordingMimeType({ isTypeSupported: (t) => t === 'audio/mp4' })).toBe('audio/mp4');
    expect(recordingMimeType({ isTypeSupported: () => false })).toBeUndefined();
  });
});

describe('transcribe (the operator-server path)', () => {
  const answer = (status: number, body: unknown) => async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const blob = new Blob([new Uint8Array(10)], { type: 'audio/webm' });
  afterEach(() => vi.unstubAllGlobals());

  it('posts the recording with its language and length, and returns the text trimmed', async () => {
    const fetch = vi.fn(answer(200, { text: ' こんにちは。\n' }));
    vi.stubGlobal('fetch', fetch);
    expect(await transcribe(blob, 3.25, 'ja-JP')).toEqual({ text: 'こんにちは。' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/transcribe');
    const form = init.body as FormData;
    expect([form.get('language'), form.get('duration'), (form.get('file') as File).size]).toEqual(['ja', '3.3', 10]);
  });

  it('names what went wrong: too large, busy, the server, or no network', async () => {
    const cases: [() => Promise<Response>, string][] = [
      [answer(413, { error: { code: 'payload_too_large' } }), 'voiceTooLarge'],
      [answer(429, { error: { code: 'too_many_requests' } }), 'voiceBusy'],
      [answer(429, { error: { code: 'too_many_streams' } }), 'voiceBusy'],
      [answer(502, { error: { code: 'upstream_unavailable' } }), 'voiceFailed'],
      [async () => new Response('<html>', { status: 200 }), 'voiceFailed'],
      [async () => Promise.reject(new TypeError('Failed to fetch')), 'voiceNetwork'],
    ];
    for (const [fetch, error] of cases) {
      vi.stubGlobal('fetch', fetch);
      expect(await transcribe(blob, 1, 'en-US')).toEqual({ error });
    }
  });
});
