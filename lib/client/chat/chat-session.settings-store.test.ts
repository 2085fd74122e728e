import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreSettings } from './settings-restore';
import { defaultSettings, SETTINGS_STORAGE_KEY, toChatRequestBody } from './chat-session';
import type { ChatMessage } from './types';

const MODELS = ['m/8b', 'm/70b'];

describe('restoreSettings', () => {
  it('starts from the authors\u2019 defaults and the first model', () => {
    expect(restoreSettings(null, MODELS, defaultSettings(MODELS))).toEqual({
      model: 'm/8b',
      temperature: 0.6,
      topP: 0.9,
      maxTokens: 512,
      systemPrompt: null,
      presetId: 'assistant',
    });
  });
  it('keeps valid saved settings', () => {
    const saved = { model: 'm/70b', temperature: 1, topP: 0.5, maxTokens: 100, systemPrompt: 'x', presetId: 'my-own' };
    expect(restoreSettings(JSON.stringify(saved), MODELS, defaultSettings(MODELS))).toEqual(saved);
  });
  it('falls back for a model no longer offered, or a damaged value', () => {
    expect(
      restoreSettings(JSON.stringify({ ...defaultSettings(MODELS), model: 'gone' }), MODELS, defaultSettings(MODELS))
        .model,
    ).toBe('m/8b');
    expect(restoreSettings('{not json', MODELS, defaultSettings(MODELS))).toEqual(defaultSettings(MODELS));
    expect(
      restoreSettings(JSON.stringify({ ...defaultSettings(MODELS), temperature: 9 }), MODELS, defaultSettings(MODELS)),
    ).toEqual(defaultSettings(MODELS));
  });
});

describe('hydrateSettings', () => {
  const saved = { model: 'm/70b', temperature: 1, topP: 0.5, maxTokens: 100, systemPrompt: 'x', presetId: 'my-own' };

  /** A fresh settings module (it hydrates once per page) over a localStorage holding `stored`. */
  async function page(stored: string | null) {
    const storage = new Map(stored === null ? [] : [[SETTINGS_STORAGE_KEY, stored]]);
    vi.stubGlobal('window', {
      localStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => storage.set(k, v),
      },
    });
    vi.resetModules();
    return { storage, ...(await import('./chat-session')) };
  }
  afterEach(() => vi.unstubAllGlobals());

  it('shows the defaults, then the saved settings once their validation has loaded', async () => {
    const { settingsStore, hydrateSettings } = await page(JSON.stringify(saved));
    hydrateSettings(MODELS);
    expect(settingsStore.get()).toEqual(defaultSettings(MODELS));
    await vi.waitFor(() => expect(settingsStore.get()).toEqual(saved));
  });

  it('keeps a change made before the saved settings were read (a share link, a conversation) and saves it', async () => {
    const { storage, settingsStore, hydrateSettings } = await page(JSON.stringify(saved));
    hydrateSettings(MODELS);
    const shared = { ...defaultSettings(MODELS), temperature: 0.2 };
    settingsStore.set(shared);
    await import('./settings-restore');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settingsStore.get()).toEqual(shared);
    expect(JSON.parse(storage.get(SETTINGS_STORAGE_KEY) ?? '')).toEqual(shared);
  });

  it('seeded with the deployment\u2019s defaults as the page renders, a first visit\u2019s hydration changes nothing', async () => {
    const { settingsStore, hydrateSettings, seedSettings } = await page(null);
    seedSettings(MODELS);
    const seeded = settingsStore.get();
    expect(seeded).toEqual(defaultSettings(MODELS));
    seedSettings(MODELS); // every render: the same object
    expect(settingsStore.get()).toBe(seeded);
    const changed = vi.fn();
    settingsStore.subscribe(changed);
    hydrateSettings(MODELS);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settingsStore.get()).toBe(seeded);
    expect(changed).not.toHaveBeenCalled();
  });

  it('after hydration, seeding leaves the settings alone (a saved or chosen model stays)', async () => {
    const { settingsStore, hydrateSettings, seedSettings } = await page(JSON.stringify(saved));
    seedSettings(MODELS);
    hydrateSettings(MODELS);
    await vi.waitFor(() => expect(settingsStore.get()).toEqual(saved));
    seedSettings(MODELS);
    expect(settingsStore.get()).toEqual(saved);
  });

  it('a part hydrated later sees the defaults the server showed: the store\u2019s own object while it holds them', async () => {
    const { settingsStore, hydrateSettings, seedSettings, serverSettings } = await page(JSON.stringify(saved));
    seedSettings(MODELS);
    hydrateSettings(MODELS);
    const asServerRendered = serverSettings(MODELS);
    expect(asServerRendered()).toBe(settingsStore.get());
    expect(asServerRendered()).toBe(asServerRendered());
    await vi.waitFor(() => expect(settingsStore.get()).toEqual(saved));
    expect(asServerRendered()).toEqual(defaultSettings(MODELS));
    expect(asServerRendered()).toBe(asServerRendered());
  });

  it('leaves damaged saved settings in storage untouched until the user changes something', async () => {
    const { storage, settingsStore, hydrateSettings } = await page('{damaged');
    hydrateSettings(MODELS);
    await import('./settings-restore');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settingsStore.get()).toEqual(defaultSettings(MODELS));
    expect(storage.get(SETTINGS_STORAGE_KEY)).toBe('{damaged');
  });
});

describe('toChatRequestBody', () => {
  const messages = [
    { id: '1', role: 'user', parts: [{ type: 'text', text: 'こんにちは' }] },
    {
      id: '2',
      role: 'assistant',
      parts: [{ type: 'step-start' }, { type: 'text', text: 'はい、' }, { type: 'text', text: '何でしょう' }],
    },
    { id: '3', role: 'user', parts: [{ type: 'text', text: '次' }] },
  ] as ChatMessage[];

  it('sends plain role/content pairs and the settings, with the locale\u2019s default system prompt', () => {
    expect(toChatRequestBody(messages, defaultSettings(MODELS), 'ja')).toEqual({
      messages: [
        { role: 'user', content: 'こんにちは' },
        { role: 'assistant', content: 'はい、何でしょう' },
        { role: 'user', content: '次' },
      ],
      model: 'm/8b',
      system: 'あなたは誠実で優秀な日本人のアシスタントです。',
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
    });
    expect(toChatRequestBody(messages, defaultSettings(MODELS), 'en').system).toBe(
      'You are a helpful, honest assistant, fluent in both Japanese and English.',
    );
  });

  it('sends a custom system prompt as typed, even an empty one', () => {
    expect(toChatRequestBody(messages, { ...defaultSettings(MODELS), systemPrompt: '' }, 'ja').system).toBe('');
  });
});
