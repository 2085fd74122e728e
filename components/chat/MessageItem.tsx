'use client';

import { memo } from 'react';
import clsx from 'clsx';
import { useTranslations } from 'next-intl';
import { Markdown } from '@/components/markdown/Markdown';
import { CopyButton } from '@/components/ui/CopyButton';
import { messageText } from '@/lib/chat/request-body';
import type { ReplyStatus } from '@/lib/chat/reply-status';
import type { ChatMessage } from '@/lib/chat/types';

interface MessageItemProps {
  message: ChatMessage;
  status: ReplyStatus;
  /** Shown on the last reply only, when the chat is idle. */
  onRegenerate?: () => void;
}

export const MessageItem = memo(function MessageItem({ message, status, onRegenerate }: MessageItemProps) {
  const t = useTranslations('chat');
  const text = messageText(message);
  const isUser = message.role === 'user';
  const usage = message.metadata?.usage;

  return (
    <li
      data-testid={isUser ? 'message-user' : 'message-assistant'}
      data-status={isUser ? undefined : status}
      className={clsx('group flex flex-col gap-1', isUser ? 'items-end' : 'items-start')}
    >
      <span className="sr-only">{isUser ? t('you') : t('assistant')}</span>
      <div
        className={clsx(
          'max-w-full rounded-2xl px-4 py-3',
          isUser ? 'whitespace-pre-wrap bg-brand-50 text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50 sm:max-w-[85%]' : 'w-full',
        )}
      >
        {isUser ? (
          text
        ) : text ? (
          <Markdown text={text} />
        ) : status === 'streaming' ? (
          <span className="animate-pulse text-zinc-500 dark:text-zinc-400">{t('thinking')}</span>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 px-2 text-xs text-zinc-500 dark:text-zinc-400">
        {status === 'stopped' && <span data-testid="reply-stopped">{t('stopped')}</span>}
        {usage?.inputTokens != null && usage.outputTokens != null && (
          <span data-testid="message-usage">{t('usage', { input: usage.inputTokens, output: usage.outputTokens })}</span>
        )}
        {status !== 'streaming' && text && (
          <CopyButton text={() => text} label={t('copy')} copiedLabel={t('copied')} testId="copy-message" />
        )}
        {onRegenerate && (
          <button
            type="button"
            data-testid="regenerate"
            onClick={onRegenerate}
            className="rounded px-2 py-1 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white"
          >
            {t('regenerate')}
          </button>
        )}
      </div>
    </li>
  );
});
