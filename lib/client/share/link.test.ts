import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { decodeShare, encodeShare } from '../../shared/share/codec';
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

describe('a comparison setup in a share link', () => {
  const comparison = {
    targets: [
      { ...defaultSettings(MODELS), model: 'org/8b' },
      { ...defaultSettings(MODELS), model: 'org/70b', temperature: 0.2, systemPrompt: '簡潔に。' },
    ],
    blind: true,
  };

  it('carries both targets (resolved prompts) and the prompt as the draft, only when chosen', async () => {
    const withCompare = { ...source, comparison };
    const payload = buildSharePayload(withCompare, {
      includeDraft: true,
      includeConversation: false,
      includeComparison: true,
    });
    expect(payload.draft).toBe('下書き');
    expect(payload.compare).toEqual({
      blind: true,
      targets: [
        {
          model: 'org/8b',
          systemPrompt: 'あなたは誠実で優秀な日本人のアシスタントです。',
          params: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
        },
        { model: 'org/70b', systemPrompt: '簡潔に。', params: { temperature: 0.2, topP: 0.9, maxTokens: 512 } },
      ],
    });
    expect(buildSharePayload(withCompare, { includeDraft: true, includeConversation: false }).compare).toBeUndefined();
    // Through the codec: what the link carries is what the page gets back.
    expect(await decodeShare(await encodeShare(payload))).toEqual({ ok: true, payload });
  });

  it('opens compare mode with both targets; a model not offered here falls back per column', () => {
    const payload = buildSharePayload(
      {
        ...source,
        comparison: { ...comparison, targets: [comparison.targets[0], { ...comparison.targets[1], model: 'gone/x' }] },
      },
      { includeDraft: true, includeConversation: false, includeComparison: true },
    );
    const loaded = loadSharePayload(payload, MODELS);
    expect(loaded.compare?.blind).toBe(true);
    expect(loaded.compare?.targets.map((t) => t.model)).toEqual(['org/8b', 'org/70b']);
    expect(loaded.compare?.targets[1]).toMatchObject({ temperature: 0.2, systemPrompt: '簡潔に。', presetId: null });
    expect(loaded.compare?.modelsReplaced).toEqual(['gone/x']);
    expect(loaded.draft).toBe('下書き');
  });

  it('refuses a comparison of more or fewer than two targets', async () => {
    const payload = buildSharePayload(
      { ...source, comparison },
      { includeDraft: true, includeConversation: false, includeComparison: true },
    );
    const three = {
      ...payload,
      compare: { ...payload.compare!, targets: [...payload.compare!.targets, payload.compare!.targets[0]] },
    };
    await expect(encodeShare(three)).rejects.toThrow();
  });
});
