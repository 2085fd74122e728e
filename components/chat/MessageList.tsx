'use client';

import { useRef } from 'react';
import type { ChatStatus } from 'ai';
import { useTranslations } from 'next-intl';
import { messageText } from '@/lib/chat/request-body';
import { replyStatus } from '@/lib/chat/reply-status';
import type { ChatMessage } from '@/lib/chat/types';
import { MessageItem, type MessageHandlers } from './MessageItem';
import { useFollowReply } from './useFollowReply';

interface MessageListProps extends MessageHandlers {
  messages: ChatMessage[];
  chatStatus: ChatStatus;
}

export function MessageList({ messages, chatStatus, ...handlers }: MessageListProps) {
  const t = useTranslations('chat');
  const endRef = useRef<HTMLDivElement>(null);
  const busy = chatStatus === 'submitted' || chatStatus === 'streaming';
  const last = messages.at(-1);

  useFollowReply(endRef, messages, messages.length);

  const announcement =
    last?.role === 'assistant'
      ? busy
        ? t('statusStreaming')
        : t('statusDone', { text: messageText(last).slice(0, 600) })
      : '';

  return (
    <>
      <ol aria-label={t('messagesLabel')} className="flex flex-col gap-6">
        {messages.map((message, index) => {
          const isLast = index === messages.length - 1;
          return (
            <MessageItem
              key={message.id}
              message={message}
              status={replyStatus(message, isLast, chatStatus)}
              idle={!busy}
              isLast={isLast}
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
