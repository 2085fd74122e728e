import type { ChatStatus } from 'ai';
import { MAX_ERROR_CHARS } from '@/lib/client/storage/conversation';
import type { ChatMessage } from './types';

/** data-status of an assistant message. An interrupted reply shows as stopped (its text is kept). */
export type ReplyStatus = 'streaming' | 'done' | 'stopped' | 'error';

export function replyStatus(
  message: Pick<ChatMessage, 'metadata'>,
  isLast: boolean,
  chatStatus: ChatStatus,
): ReplyStatus {
  if (isLast && (chatStatus === 'submitted' || chatStatus === 'streaming')) return 'streaming';
  const state = message.metadata?.state;
  if (state === 'stopped' || state === 'interrupted') return 'stopped';
  if (state === 'error' || (isLast && chatStatus === 'error')) return 'error';
  return 'done';
}

/**
 * The reply a chat error belongs to, shown inside it: the last message when the failed request
 * had begun a reply (the upstream failed before or after its first token). Undefined when the
 * request failed before any reply began (refused by this app's server, or no connection): the
 * error then stands after the conversation.
 */
export function failedReplyId(
  messages: readonly Pick<ChatMessage, 'id' | 'role'>[],
  chatStatus: ChatStatus,
): string | undefined {
  const last = messages.at(-1);
  return chatStatus === 'error' && last?.role === 'assistant' ? last.id : undefined;
}

/**
 * The messages with a failed turn's error kept on its reply (metadata `state: 'error'` and the
 * error's text), so it stays there after later messages and reloads: on the reply that had
 * begun, or on an empty reply added for a request that failed before one began (no connection,
 * refused by this app's server), so the error shows right under the message that was sent.
 * Null when there is nothing to change.
 */
export function withFailure(messages: readonly ChatMessage[], error: Error, newId: () => string): ChatMessage[] | null {
  const last = messages.at(-1);
  const text = error.message.slice(0, MAX_ERROR_CHARS);
  if (last?.role === 'assistant') {
    if (last.metadata?.state === 'error' && last.metadata.error === text) return null;
    return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, state: 'error', error: text } }];
  }
  if (last?.role !== 'user') return null;
  return [...messages, { id: newId(), role: 'assistant', parts: [], metadata: { state: 'error', error: text } }];
}
