'use client';

import { useRef } from 'react';
import type { ChatStatus } from 'ai';
import { useTranslations } from 'next-intl';
import { messageText } from '@/lib/client/chat/request-body';
import { failedReplyId, replyStatus } from '@/lib/client/chat/request-body';
import type { ChatMessage } from '@/lib/client/chat/types';
import { MessageItem, type MessageHandlers } from './MessageItem';
import { useFollowReply } from './useFollowReply';

interface MessageListProps extends MessageHandlers {
  messages: ChatMessage[];
  chatStatus: ChatStatus;
  /** The chat's error: shown inside the reply that failed, if the turn had begun one. */
  error: Error | undefined;
  /** A message's place among its versions, if it has more than one. */
  versionOf?: (id: string) => { index: number; count: number } | null;
}

/** One Error per saved error text, so a reply's notice keeps the same error across renders. */
const savedErrors = new Map<string, Error>();
function savedError(message: ChatMessage): Error | undefined {
  const text = message.metadata?.state === 'error' ? message.metadata.error : undefined;
  if (!text) return undefined;
  let error = savedErrors.get(text);
  if (!error) {
    error = new Error(text);
    if (savedErrors.size > 100) savedErrors.clear();
    savedErrors.set(text, error);
  }
  return error;
}

export function MessageList({ messages, chatStatus, error, versionOf, ...handlers }: MessageListProps) {
  const t = useTranslations('chat');
  const endRef = useRef<HTMLDivElement>(null);
  const busy = chatStatus === 'submitted' || chatStatus === 'streaming';
  const last = messages.at(-1);
  const failedId = error ? failedReplyId(messages, chatStatus) : undefined;

  useFollowReply(endRef, messages, messages.length);

  const announcement =
    last?.role === 'assistant'
      ? busy
        ? t('statusStreaming')
        : t('statusDone', { text: messageText(last).slice(0, 600) })
      : '';

  return (
    <>
      <ol aria-label={t('messagesLabel')} className="flex flex-col gap-6 empty:hidden">
        {messages.map((message, index) => {
          const isLast = index === messages.length - 1;
          const version = versionOf?.(message.id);
          return (
            <MessageItem
              // Keyed by its place (the message before it), so a switch of version keeps the
              // item and the focus on its arrows.
              key={index === 0 ? '' : messages[index - 1].id}
              message={message}
              status={replyStatus(message, isLast, chatStatus)}
              idle={!busy}
              isLast={isLast}
              laterCount={messages.length - index - 1}
              error={message.id === failedId ? error : savedError(message)}
              liveError={message.id === failedId}
              versionIndex={version?.index}
              versionCount={version?.count}
              {...handlers}
            />
          );
        })}
      </ol>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div ref={endRef} />
    </>
  );
}
