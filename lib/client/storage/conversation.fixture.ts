import type { Conversation } from './conversation';

/**
 * For unit tests: a saved conversation with one exchange, valid for the stored schema (an id of
 * 6 to 64 letters, digits, - or _). `extra` replaces any field.
 */
export const savedConversation = (id: string, updatedAt = 2, extra: Partial<Conversation> = {}): Conversation => ({
  v: 1,
  id,
  title: '天気の話',
  titleEdited: false,
  createdAt: 1,
  updatedAt,
  settings: {
    model: 'm',
    temperature: 0.6,
    topP: 0.9,
    maxTokens: 512,
    systemPrompt: 'あなたは誠実で優秀な日本人のアシスタントです。',
    presetId: 'assistant',
  },
  messages: [
    { id: 'u1', role: 'user', text: '明日の天気は？' },
    {
      id: 'a1',
      role: 'assistant',
      text: '晴れの予報です。',
      state: 'done',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    },
  ],
  ...extra,
});
