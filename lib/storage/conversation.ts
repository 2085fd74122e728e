import type { Conversation, ConversationSettings, StoredMessage } from './conversation-schema';

// The types come from the zod schemas (./conversation-schema), which load only where saved
// conversations are validated: type imports leave nothing in the page's first load.
export type { Conversation, ConversationSettings, StoredMessage };

export const CONVERSATION_VERSION = 1;
export const MAX_TITLE_CHARS = 80;

/** How a saved reply ended. "interrupted": the page closed or the network dropped mid-reply. */
export const replyStates = ['done', 'stopped', 'interrupted', 'error', 'streaming'] as const;
export type ReplyState = (typeof replyStates)[number];

export function newConversationId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** Title from the first user message, on one line. */
export function titleFrom(messages: readonly StoredMessage[]): string {
  const message = messages.find((m) => m.role === 'user');
  // A message that is only documents is titled by its first file.
  const first = message?.text || message?.documents?.[0]?.name || '';
  const line = first.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE_CHARS ? `${line.slice(0, MAX_TITLE_CHARS - 1)}…` : line;
}

/** After a reload nothing is streaming any more: a reply saved mid-stream was interrupted. */
export function markInterrupted(conversation: Conversation): Conversation {
  if (!conversation.messages.some((m) => m.state === 'streaming')) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((m) => (m.state === 'streaming' ? { ...m, state: 'interrupted' } : m)),
  };
}
