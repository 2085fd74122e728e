import type { ChatStatus } from 'ai';

export type ReplyStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** The status shown on one assistant message (data-status in the DOM). */
export function replyStatus(
  messageId: string,
  isLast: boolean,
  chatStatus: ChatStatus,
  stopped: ReadonlySet<string>,
): ReplyStatus {
  if (isLast && (chatStatus === 'submitted' || chatStatus === 'streaming')) return 'streaming';
  if (stopped.has(messageId)) return 'stopped';
  if (isLast && chatStatus === 'error') return 'error';
  return 'done';
}
