import { describe, expect, it } from 'vitest';
import { fromStoredMessages, toStoredMessages } from '@/lib/client/chat/convert';
import { messageDocuments, userMessageParts, toChatRequestBody } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { buildSharePayload } from '@/lib/client/share/link';
import { titleFrom } from '@/lib/shared/history/title';
import type { Conversation } from './conversation';
import { parseConversationFile } from './import-file';
import { conversationToMarkdown, exportConversations } from './transfer';

const doc = {
  name: '議事録.md',
  size: 120,
  kind: 'text' as const,
  text: '# 定例会議\n\n```js\nconst a = 1;\n```\n',
  encoding: 'utf-8',
};
const pdf = { name: 'a.pdf', size: 9000, kind: 'pdf' as const, text: 'p2', pages: { from: 2, to: 2, total: 3 } };
const messages: ChatMessage[] = [
  { id: 'u1', role: 'user', parts: userMessageParts('要約して', [doc, pdf]) },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: '要約です。' }] },
];
const settings = { model: 'm', temperature: 0.6, topP: 0.9, maxTokens: 512, systemPrompt: 's', presetId: null };

const conversation = (): Conversation => ({
  v: 1,
  id: 'abcdef1',
  title: titleFrom(toStoredMessages(messages, 'ready')),
  titleEdited: false,
  createdAt: 1,
  updatedAt: 2,
  settings,
  messages: toStoredMessages(messages, 'ready'),
});

describe('documents in saved conversations', () => {
  it('are kept with their message through storage and back', () => {
    const stored = toStoredMessages(messages, 'ready');
    expect(stored[0]).toEqual({ id: 'u1', role: 'user', text: '要約して', documents: [doc, pdf] });
    const back = fromStoredMessages(stored);
    expect(messageDocuments(back[0])).toEqual([doc, pdf]);
    expect(toChatRequestBody(back, settings, 'ja').messages[0]).toEqual({
      role: 'user',
      content: '要約して',
      documents: [
        { name: '議事録.md', text: doc.text },
        { name: 'a.pdf', text: 'p2' },
      ],
    });
  });

  it('survive an export → import round trip', () => {
    const file = exportConversations([conversation()]);
    expect(parseConversationFile(file, 0)).toEqual({ ok: true, conversations: [conversation()] });
  });

  it('appear in the Markdown export, each text fenced longer than any fence inside it', () => {
    const markdown = conversationToMarkdown(conversation(), {
      user: 'あなた',
      assistant: 'Swallow',
      systemPrompt: 'システムプロンプト',
      model: 'モデル',
    });
    expect(markdown).toContain(
      '## あなた\n\n📎 **議事録.md**\n\n````text\n# 定例会議\n\n```js\nconst a = 1;\n```\n````\n\n',
    );
    expect(markdown).toContain('要約して\n');
  });

  it('a message of documents only is titled by its first file', () => {
    const only = [{ id: 'u', role: 'user' as const, text: '', documents: [doc] }];
    expect(titleFrom(only)).toBe('議事録.md');
  });

  it('never travel in a share link', () => {
    const payload = buildSharePayload(
      { settings, locale: 'ja', draft: '', messages },
      { includeDraft: false, includeConversation: true },
    );
    expect(JSON.stringify(payload)).not.toContain('定例会議');
    expect(payload.messages?.[0]).toEqual({ role: 'user', content: '要約して' });
  });
});
