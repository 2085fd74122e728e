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
