import { describe, expect, it } from 'vitest';
import {
  MAX_DOCUMENT_CHARS,
  MAX_DOCUMENTS,
  MAX_MESSAGES,
  MAX_MESSAGE_CHARS,
  validateChatRequest,
} from './chat-request';

const MODELS = [
  { id: 'org/swallow-8b', maxTokensLimit: 8128 },
  { id: 'org/swallow-70b', maxTokensLimit: 131_008 },
];
const valid = {
  messages: [{ role: 'user', content: 'こんにちは' }],
  model: 'org/swallow-8b',
  system: 'あなたは誠実で優秀な日本人のアシスタントです。',
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 512,
};

const fieldOf = (body: unknown) => {
  const result = validateChatRequest(body, MODELS);
  return result.ok ? null : result.field;
};

describe('validateChatRequest', () => {
  it('accepts a well-formed request', () => {
    const result = validateChatRequest(valid, MODELS);
    expect(result.ok && result.request.messages[0].content).toBe('こんにちは');
  });

  it('names the field that is out of range', () => {
    expect(fieldOf({ ...valid, temperature: 2.5 })).toBe('temperature');
    expect(fieldOf({ ...valid, top_p: 0 })).toBe('top_p');
    expect(fieldOf({ ...valid, max_tokens: 1.5 })).toBe('max_tokens');
    expect(fieldOf({ ...valid, max_tokens: 200_000 })).toBe('max_tokens');
    expect(fieldOf({ ...valid, system: 'x'.repeat(8_001) })).toBe('system');
  });

  it("bounds max_tokens by the selected model's window", () => {
    expect(fieldOf({ ...valid, max_tokens: 8128 })).toBeNull();
    expect(fieldOf({ ...valid, max_tokens: 8129 })).toBe('max_tokens');
    expect(fieldOf({ ...valid, model: 'org/swallow-70b', max_tokens: 100_000 })).toBeNull();
    const result = validateChatRequest({ ...valid, max_tokens: 9000 }, MODELS);
    expect(!result.ok && result.message).toMatch(/org\/swallow-8b takes max_tokens up to 8128/);
  });

  it('takes a reasoning control only for a model that has it, and names a bad value', () => {
    const models = [
      ...MODELS,
      { id: 'org/gpt-oss', maxTokensLimit: 8128, reasoningControl: 'effort' as const },
      { id: 'org/qwen3', maxTokensLimit: 8128, reasoningControl: 'think' as const },
    ];
    const check = (body: object) => validateChatRequest({ ...valid, ...body }, models);
    const ok = check({ model: 'org/gpt-oss', reasoning_effort: 'low' });
    expect(ok.ok && ok.request.reasoning_effort).toBe('low');
    expect(check({ model: 'org/qwen3', chat_template_kwargs: { enable_thinking: false } }).ok).toBe(true);
    for (const [body, field, message] of [
      [{ model: 'org/gpt-oss', reasoning_effort: 'max' }, 'reasoning_effort', /low|medium|high/],
      [
        { model: 'org/qwen3', chat_template_kwargs: { enable_thinking: 'no' } },
        'chat_template_kwargs.enable_thinking',
        /boolean/,
      ],
      [
        { model: 'org/qwen3', chat_template_kwargs: { thinking: true } },
        'chat_template_kwargs.enable_thinking',
        /boolean/,
      ],
      [{ model: 'org/qwen3', reasoning_effort: 'low' }, 'reasoning_effort', /org\/qwen3 takes no reasoning_effort/],
      [{ reasoning_effort: 'low' }, 'reasoning_effort', /takes no reasoning_effort/],
      [{ model: 'org/gpt-oss', chat_template_kwargs: { enable_thinking: true } }, 'chat_template_kwargs', /takes no/],
    ] as const) {
      const result = check(body);
      expect(result.ok ? null : [result.field, result.message]).toEqual([field, expect.stringMatching(message)]);
    }
  });

  it('rejects a model outside the allow-list', () => {
    expect(fieldOf({ ...valid, model: 'someone/else' })).toBe('model');
  });

  it('caps message count and size', () => {
    const many = Array.from({ length: MAX_MESSAGES + 1 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: 'a',
    }));
    expect(fieldOf({ ...valid, messages: many })).toBe('messages');
    expect(fieldOf({ ...valid, messages: [{ role: 'user', content: 'a'.repeat(MAX_MESSAGE_CHARS + 1) }] })).toBe(
      'messages.0.content',
    );
  });

  it('requires the last message to be a non-empty user message', () => {
    expect(fieldOf({ ...valid, messages: [] })).toBe('messages');
    expect(fieldOf({ ...valid, messages: [{ role: 'user', content: '   ' }] })).toBe('messages.0.content');
    expect(fieldOf({ ...valid, messages: [...valid.messages, { role: 'assistant', content: 'hi' }] })).toBe('messages');
    expect(fieldOf({ ...valid, messages: [{ role: 'system', content: 'x' }] })).toBe('messages.0.role');
  });

  it('rejects unknown fields and wrong types', () => {
    expect(fieldOf({ ...valid, apiKey: 'x' })).toBe('apiKey');
    expect(fieldOf({ ...valid, temperature: '0.6' })).toBe('temperature');
    expect(fieldOf(null)).toBe('body');
  });
});

describe('documents in a user message', () => {
  const withDocuments = (documents: unknown, content = 'まとめて') => ({
    ...valid,
    messages: [{ role: 'user', content, documents }],
  });

  it('accepts named documents, and a message that is only documents', () => {
    const result = validateChatRequest(withDocuments([{ name: '議事録.txt', text: '本文' }], ''), MODELS);
    expect(result.ok && result.request.messages[0]).toEqual({
      role: 'user',
      content: '',
      documents: [{ name: '議事録.txt', text: '本文' }],
    });
  });

  it('names the problem: too many, too long, unnamed, or an empty message without documents', () => {
    const doc = { name: 'a.txt', text: 'x' };
    expect(fieldOf(withDocuments(Array(MAX_DOCUMENTS + 1).fill(doc)))).toBe('messages.0.documents');
    expect(fieldOf(withDocuments([{ name: 'a.txt', text: 'x'.repeat(MAX_DOCUMENT_CHARS + 1) }]))).toBe(
      'messages.0.documents.0.text',
    );
    expect(fieldOf(withDocuments([{ name: ' ', text: 'x' }]))).toBe('messages.0.documents.0.name');
    expect(fieldOf(withDocuments([{ name: 'a.txt', text: 'x', path: '/etc' }]))).toBe('messages.0.documents.0');
    expect(fieldOf(withDocuments([], ' '))).toBe('messages.0.content');
    expect(fieldOf({ ...valid, messages: [{ role: 'assistant', content: 'a', documents: [] }] })).not.toBeNull();
  });
});
