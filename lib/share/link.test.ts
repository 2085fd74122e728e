import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/chat/settings-store';
import type { ChatMessage } from '@/lib/chat/types';
import { buildSharePayload, loadSharePayload, shareUrl } from './link';

const MODELS = ['org/8b', 'org/70b'];
const messages = [
  { id: 'a', role: 'user', parts: [{ type: 'text', text: '質問' }] },
  { id: 'b', role: 'assistant', parts: [{ type: 'text', text: '回答' }] },
] as ChatMessage[];
const source = {
  settings: { ...defaultSettings(MODELS), model: 'org/70b', temperature: 0.3 },
  locale: 'ja' as const,
  presetName: '標準アシスタント',
  draft: '下書き',
  messages,
};

describe('buildSharePayload', () => {
  it('carries prompt, name, model and parameters; draft and conversation only when chosen', () => {
    const minimal = buildSharePayload(source, { includeDraft: false, includeConversation: false });
    expect(minimal).toEqual({
      v: 1,
      name: '標準アシスタント',
      systemPrompt: 'あなたは誠実で優秀な日本人のアシスタントです。',
      params: { temperature: 0.3, topP: 0.9, maxTokens: 512 },
      model: 'org/70b',
    });
    const full = buildSharePayload(source, { includeDraft: true, includeConversation: true });
    expect(full.draft).toBe('下書き');
    expect(full.messages).toEqual([
      { role: 'user', content: '質問' },
      { role: 'assistant', content: '回答' },
    ]);
  });

  it('builds a locale-specific URL', () => {
    expect(shareUrl('https://x.example', 'en', '1.abc')).toBe('https://x.example/en/share?p=1.abc');
  });
});

describe('loadSharePayload', () => {
  const payload = buildSharePayload(source, { includeDraft: true, includeConversation: true });

  it('starts a new chat with the shared setup, never with a preset of the visitor\u2019s', () => {
    const loaded = loadSharePayload(payload, MODELS);
    expect(loaded.settings).toMatchObject({
      model: 'org/70b',
      temperature: 0.3,
      systemPrompt: 'あなたは誠実で優秀な日本人のアシスタントです。',
      presetId: null,
    });
    expect(loaded.draft).toBe('下書き');
    expect(loaded.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(loaded.modelReplaced).toBe(false);
  });

  it('falls back to the default model when the shared one is not offered', () => {
    const loaded = loadSharePayload({ ...payload, model: 'someone/else' }, MODELS);
    expect(loaded.settings.model).toBe('org/8b');
    expect(loaded.modelReplaced).toBe(true);
  });
});
