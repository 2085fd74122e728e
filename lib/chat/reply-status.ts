import type { ChatStatus } from 'ai';
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
