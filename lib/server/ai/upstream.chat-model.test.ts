import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatModel, upstreamFetch } from './upstream';

const endpoint = { kind: 'custom' as const, baseURL: 'http://127.0.0.1:1/v1', apiKey: 'key-a' };
const timeouts = { firstByteMs: 1000, idleMs: 1000 };
const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';

describe('chatModel', () => {
  it('builds a model once per endpoint, key, timeouts and model id', () => {
    const model = chatModel(endpoint, timeouts, MODEL);
    expect(chatModel({ ...endpoint }, { ...timeouts }, MODEL)).toBe(model);
    expect(model.modelId).toBe(MODEL);
    expect(chatModel({ ...endpoint, apiKey: 'key-b' }, timeouts, MODEL)).not.toBe(model);
    expect(chatModel({ ...endpoint, baseURL: 'http://127.0.0.1:2/v1' }, timeouts, MODEL)).not.toBe(model);
    expect(chatModel(endpoint, { ...timeouts, idleMs: 2000 }, MODEL)).not.toBe(model);
    expect(chatModel(endpoint, timeouts, 'other-model').modelId).toBe('other-model');
  });
});

describe('upstreamFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('calls the global fetch installed at call time', async () => {
    const first = vi.fn(async () => new Response('first'));
    vi.stubGlobal('fetch', first);
    expect(await (await upstreamFetch('http://example.test/')).text()).toBe('first');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('second')),
    );
    expect(await (await upstreamFetch('http://example.test/')).text()).toBe('second');
  });
});
