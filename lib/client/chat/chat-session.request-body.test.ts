import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEM_PROMPTS, MAX_MESSAGES, setModelProfiles, type ModelProfile } from '@/lib/shared/model/profile';
import { chatRequestSchema } from '@/lib/shared/schemas/chat-request';
import { applyPreset, isPresetModified } from '@/lib/client/presets/active';
import { BUILTIN_PRESETS, findBuiltinPreset } from '@/lib/shared/presets/preset';
import { fromStoredMessages, toStoredMessages } from './convert';
import {
  effectiveSystemPrompt,
  messageReasoning,
  messageText,
  toChatRequestBody,
  defaultSettings,
} from './chat-session';
import type { ChatMessage, ChatSettings } from './types';

const profile = (id: string, patch: Partial<ModelProfile>): ModelProfile => ({
  id,
  label: id,
  known: true,
  contextTokens: 8192,
  maxTokensLimit: 8128,
  recommended: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
  systemPrompt: DEFAULT_SYSTEM_PROMPTS,
  reasoning: false,
  tokenizer: 'llama3',
  reasoningControl: null,
  ...patch,
});
const REASONER = profile('x/reasoner', {
  contextTokens: 32_768,
  maxTokensLimit: 32_704,
  recommended: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
  systemPrompt: { ja: '考えてから答えてください。', en: 'Think, then answer.' },
  reasoning: true,
});
const SMALL = profile('x/small', { contextTokens: 2048, maxTokensLimit: 1984 });
const user: ChatMessage = { id: 'u', role: 'user', parts: [{ type: 'text', text: 'こんにちは' }] };

afterEach(() => setModelProfiles([]));

describe('settings follow the selected model', () => {
  it("start from the first model's recommended sampling", () => {
    setModelProfiles([REASONER, SMALL]);
    expect(defaultSettings(['x/reasoner', 'x/small'])).toMatchObject({ temperature: 0.6, topP: 0.95, maxTokens: 4096 });
    setModelProfiles([]);
    expect(defaultSettings(['x/unknown'])).toMatchObject({ temperature: 0.6, topP: 0.9, maxTokens: 512 });
  });

  it("take the model's default system prompt, unless a preset or the user gives one", () => {
    setModelProfiles([REASONER, SMALL]);
    const settings: ChatSettings = { ...defaultSettings(['x/reasoner']), model: 'x/reasoner' };
    expect(effectiveSystemPrompt(settings, 'en')).toBe('Think, then answer.');
    expect(effectiveSystemPrompt({ ...settings, model: 'x/small' }, 'ja')).toBe(DEFAULT_SYSTEM_PROMPTS.ja);
    expect(effectiveSystemPrompt({ ...settings, presetId: 'translate-ja-en' }, 'en')).toMatch(
      /professional translator/,
    );
    expect(effectiveSystemPrompt({ ...settings, systemPrompt: 'mine' }, 'en')).toBe('mine');
  });

  it("fill the system prompt's {{date}} when the request is made; the default prompt is sent as written", () => {
    setModelProfiles([SMALL]);
    const settings = { ...defaultSettings(['x/small']), systemPrompt: '今日は{{date}}、{{name}}。' };
    // 2026-12-06 10:55 UTC is Sunday in the browser's zone here (vitest runs in UTC or Asia/Tokyo alike).
    const body = toChatRequestBody([user], settings, 'ja', new Date('2026-12-06T10:55:00Z'));
    expect(body.system).toBe('今日は2026年12月6日（日）、{{name}}。');
    expect(toChatRequestBody([user], defaultSettings(['x/small']), 'ja').system).toBe(DEFAULT_SYSTEM_PROMPTS.ja);
  });

  it('carry reasoning_effort / chat_template_kwargs only for a model whose registry entry has that control', () => {
    const OSS = profile('x/oss', { reasoning: true, tokenizer: 'o200k-harmony', reasoningControl: 'effort' });
    const QWEN = profile('x/qwen', { reasoning: true, tokenizer: 'qwen3', reasoningControl: 'think' });
    setModelProfiles([OSS, QWEN, REASONER, SMALL]);
    const settings: ChatSettings = { ...defaultSettings(['x/oss']), model: 'x/oss' };
    // Defaults: medium effort, thinking on.
    expect(toChatRequestBody([user], settings, 'ja')).toMatchObject({ reasoning_effort: 'medium' });
    expect(toChatRequestBody([user], { ...settings, reasoningEffort: 'low' }, 'ja').reasoning_effort).toBe('low');
    const qwen = toChatRequestBody([user], { ...settings, model: 'x/qwen' }, 'ja');
    expect(qwen.chat_template_kwargs).toEqual({ enable_thinking: true });
    expect(qwen).not.toHaveProperty('reasoning_effort');
    expect(
      toChatRequestBody([user], { ...settings, model: 'x/qwen', thinking: false }, 'ja').chat_template_kwargs,
    ).toEqual({ enable_thinking: false });
    // A reasoning model without a control, and a plain model, get neither (even with them set).
    for (const model of ['x/reasoner', 'x/small']) {
      const body = toChatRequestBody([user], { ...settings, model, reasoningEffort: 'high', thinking: false }, 'ja');
      expect(body).not.toHaveProperty('reasoning_effort');
      expect(body).not.toHaveProperty('chat_template_kwargs');
    }
  });

  it("keep max_tokens within the selected model's window", () => {
    setModelProfiles([REASONER, SMALL]);
    const settings = { ...defaultSettings(['x/reasoner']), maxTokens: 30_000 };
    expect(toChatRequestBody([user], settings, 'ja').max_tokens).toBe(30_000);
    expect(toChatRequestBody([user], { ...settings, model: 'x/small' }, 'ja').max_tokens).toBe(1984);
  });

  it("give the default assistant preset the model's sampling; other presets keep their own", () => {
    setModelProfiles([REASONER]);
    const base = { ...defaultSettings(['x/reasoner']), temperature: 1 };
    const assistant = BUILTIN_PRESETS[0];
    const applied = applyPreset(base, assistant, 'ja');
    expect(applied).toMatchObject({ temperature: 0.6, topP: 0.95, maxTokens: 4096 });
    expect(isPresetModified(applied, assistant)).toBe(false);
    const translate = findBuiltinPreset('translate-ja-en')!;
    expect(applyPreset(base, translate, 'ja')).toMatchObject({ temperature: 0.2, maxTokens: 1024 });
  });
});

describe("a reasoning model's reasoning", () => {
  const reply: ChatMessage = {
    id: 'a',
    role: 'assistant',
    parts: [
      { type: 'reasoning', text: 'ユーザーは挨拶している。', state: 'done' },
      { type: 'text', text: 'こんにちは！' },
    ],
  };

  it('is kept out of the next turn: the request carries the answer only', () => {
    const next: ChatMessage = { id: 'u2', role: 'user', parts: [{ type: 'text', text: '元気？' }] };
    const body = toChatRequestBody([user, reply, next], defaultSettings(['m']), 'ja');
    expect(body.messages).toEqual([
      { role: 'user', content: 'こんにちは' },
      { role: 'assistant', content: 'こんにちは！' },
      { role: 'user', content: '元気？' },
    ]);
    expect(JSON.stringify(body)).not.toContain('挨拶している');
  });

  it('is saved with its reply and shown again when the conversation is reopened', () => {
    const stored = toStoredMessages([user, reply], 'ready');
    expect(stored[1]).toMatchObject({ text: 'こんにちは！', reasoning: 'ユーザーは挨拶している。', state: 'done' });
    expect(stored[0]).not.toHaveProperty('reasoning');
    const [, reopened] = fromStoredMessages(stored);
    expect(messageReasoning(reopened)).toBe('ユーザーは挨拶している。');
    expect(messageText(reopened)).toBe('こんにちは！');
  });
});

describe('a reply that failed before its first token', () => {
  it('is not sent back to the model', () => {
    const body = toChatRequestBody(
      [
        { id: 'u', role: 'user', parts: [{ type: 'text', text: '一つ目' }] },
        { id: 'e', role: 'assistant', parts: [], metadata: { state: 'error', error: 'Failed to fetch' } },
        { id: 'u2', role: 'user', parts: [{ type: 'text', text: '二つ目' }] },
      ],
      defaultSettings(['x/small']),
      'ja',
    );
    expect(body.messages.map((m) => m.content)).toEqual(['一つ目', '二つ目']);
  });
});

describe('a conversation longer than the server takes', () => {
  it(`sends its newest ${MAX_MESSAGES} messages at most, from a question, and the schema accepts them`, () => {
    const messages: ChatMessage[] = Array.from({ length: 501 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 ? 'assistant' : 'user',
      parts: [{ type: 'text', text: `${i % 2 ? '答え' : '質問'} ${i}` }],
    }));
    const body = toChatRequestBody(messages, defaultSettings(['m']), 'ja');
    expect(body.messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(body.messages[0]).toEqual({ role: 'user', content: '質問 302' });
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: '質問 500' });
    expect(chatRequestSchema.safeParse(body).success).toBe(true);
    // A short one is sent whole.
    expect(toChatRequestBody(messages.slice(0, 3), defaultSettings(['m']), 'ja').messages).toHaveLength(3);
  });
});
