import { describe, expect, it } from 'vitest';
import type { Conversation } from '@/lib/client/storage/conversation';
import { conversationMatches } from './history-search';

const conversation: Conversation = {
  v: 1,
  id: 'c1',
  title: 'カタカナの話',
  titleEdited: false,
  createdAt: 1,
  updatedAt: 1,
  settings: { model: 'm', temperature: 0.6, topP: 0.9, maxTokens: 512, systemPrompt: '', presetId: null },
  messages: [
    { id: 'u1', role: 'user', text: 'ＡＢＣについて教えて' },
    { id: 'a1', role: 'assistant', text: 'ｽﾜﾛｰは日本語に強いモデルです。', state: 'done' },
  ],
};

describe('conversationMatches', () => {
  it('searches the title and every message, normalised', () => {
    expect(conversationMatches('かたかな', conversation)).toBe(true);
    expect(conversationMatches('abc', conversation)).toBe(true);
    expect(conversationMatches('スワロー', conversation)).toBe(true);
    expect(conversationMatches('', conversation)).toBe(true);
    expect(conversationMatches('ひらがな', conversation)).toBe(false);
  });
});
