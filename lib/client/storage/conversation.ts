import type {
  Conversation,
  ConversationSettings,
  StoredCompare,
  StoredMessage,
  StoredVersion,
} from './conversation-schema';

// The types come from the zod schemas (./conversation-schema), which load only where saved
// conversations are validated: type imports leave nothing in the page's first load.
export type { Conversation, ConversationSettings, StoredCompare, StoredMessage, StoredVersion };

// The format's constants live with the other size limits (the schema imports them from there).
export {
  CONVERSATION_VERSION,
  MAX_ERROR_CHARS,
  MAX_TITLE_CHARS,
  replyStates,
  type ReplyState,
} from '@/lib/shared/model/profile';

export function newConversationId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** After a reload nothing is streaming any more: a reply saved mid-stream was interrupted. */
export function markInterrupted(conversation: Conversation): Conversation {
  const compareStreaming = conversation.compare?.columns.some((c) => c.reply?.state === 'streaming');
  if (!conversation.messages.some((m) => m.state === 'streaming') && !compareStreaming) return conversation;
  const settle = (m: StoredMessage): StoredMessage => (m.state === 'streaming' ? { ...m, state: 'interrupted' } : m);
  const { compare } = conversation;
  return {
    ...conversation,
    messages: conversation.messages.map(settle),
    ...(compare
      ? {
          compare: {
            ...compare,
            columns: compare.columns.map((c) => (c.reply ? { ...c, reply: settle(c.reply) } : c)),
          },
        }
      : {}),
  };
}
