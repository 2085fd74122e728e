'use client';

import { memo, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { ArrowRight, Gauge, Pencil, RefreshCw, Timer, Trash2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { AlternativeReply } from '@/components/compare/AlternativeReply';
import { LazyMarkdown } from '@/components/markdown/LazyMarkdown';
import { LongText } from '@/components/markdown/LongText';
import { SentDocuments } from '@/components/attachments/SentDocuments';
import { CopyButton } from '@/components/ui/CopyButton';
import { messageDocuments } from '@/lib/client/chat/request-body';
import { messageReasoning, messageText, tokensPerSecond } from '@/lib/client/chat/request-body';
import type { ReplyStatus } from '@/lib/client/chat/request-body';
import type { ChatMessage } from '@/lib/client/chat/types';
import { ChatErrorNotice } from './ChatErrorNotice';
import {
  MESSAGE_ICON_PROPS,
  MessageAction,
  MessageEditor,
  VersionSwitch,
  ReadAloudButton,
  messageActionClass,
  messageActionLabelClass,
} from './MessageActions';

export interface MessageHandlers {
  onEdit: (id: string, text: string) => void;
  onDelete: (id: string) => void;
  onRegenerate: (id: string) => void;
  onContinue: () => void;
  /** Retry of a failed turn: clears the error and asks for the reply again. */
  onRetry: () => void;
  /** Shows the version before (-1) or after (1) of a message (lib/client/chat/versions.ts). */
  onSwitchVersion: (id: string, delta: -1 | 1) => void;
}

interface MessageItemProps extends MessageHandlers {
  message: ChatMessage;
  status: ReplyStatus;
  /** Actions are offered only while no reply is streaming. */
  idle: boolean;
  isLast: boolean;
  /** How many messages come after this one (an edit replaces them). */
  laterCount: number;
  /** Set on a reply whose turn failed: its error is shown inside it, under any text so far. */
  error?: Error;
  /** The error has just happened (the chat's own): it counts down a wait and is scrolled into view. */
  liveError?: boolean;
  /** Which of its versions this is (0-based) and how many it has; none when it has one. */
  versionIndex?: number;
  versionCount?: number;
}

export const MessageItem = memo(function MessageItem({
  message,
  status,
  idle,
  isLast,
  laterCount,
  error,
  liveError = false,
  versionIndex = 0,
  versionCount = 1,
  onEdit,
  onDelete,
  onRegenerate,
  onContinue,
  onRetry,
  onSwitchVersion,
}: MessageItemProps) {
  const t = useTranslations('chat');
  const [editing, setEditing] = useState(false);
  /** A user message's actions, shown after a tap on it (touch screens). */
  const [revealed, setRevealed] = useState(false);
  const text = messageText(message);
  const reasoning = message.role === 'assistant' ? messageReasoning(message) : '';
  const isUser = message.role === 'user';
  const documents = isUser ? messageDocuments(message) : [];
  const interrupted = message.metadata?.state === 'interrupted';
  const versions = versionCount > 1 && !editing && (
    <VersionSwitch
      index={versionIndex}
      count={versionCount}
      busy={!idle}
      onSwitch={(delta) => onSwitchVersion(message.id, delta)}
    />
  );

  return (
    <li
      data-testid={isUser ? 'message-user' : 'message-assistant'}
      data-status={isUser ? undefined : status}
      data-interrupted={interrupted || undefined}
      className={clsx('group flex flex-col gap-1', isUser ? 'items-end' : 'items-start')}
    >
      <span className="sr-only">{isUser ? t('you') : t('assistant')}</span>
      {documents.length > 0 && <SentDocuments documents={documents} />}
      {editing ? (
        <MessageEditor
          initial={text}
          laterCount={laterCount}
          onCancel={() => setEditing(false)}
          onSave={(edited) => {
            setEditing(false);
            onEdit(message.id, edited);
          }}
        />
      ) : isUser && !text ? null : (
        <div
          onClick={isUser ? () => setRevealed((shown) => !shown) : undefined}
          className={clsx(
            // A reply that failed before its first token is only its error card.
            'max-w-full rounded-2xl',
            !isUser && !text && !reasoning && error ? 'px-0 py-0' : 'px-4 py-3',
            isUser
              ? 'whitespace-pre-wrap bg-brand-50 text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50 sm:max-w-[85%]'
              : 'w-full',
          )}
        >
          {reasoning && <Reasoning text={reasoning} thinking={status === 'streaming' && !text} />}
          {isUser ? (
            <LongText text={text} />
          ) : text ? (
            <LazyMarkdown text={text} streaming={status === 'streaming'} />
          ) : status === 'streaming' && !reasoning ? (
            <span className="animate-pulse text-zinc-500 dark:text-zinc-400">{t('thinking')}</span>
          ) : null}
          {error && (
            <div className={text ? 'mt-3' : undefined}>
              <ChatErrorNotice
                error={error}
                live={liveError}
                onRetry={isLast ? onRetry : () => onRegenerate(message.id)}
              />
            </div>
          )}
        </div>
      )}
      {message.metadata?.compared && <AlternativeReply compared={message.metadata.compared} />}
      {/* A user message's versions show with it, also where its actions wait for a tap. */}
      {isUser && versions}
      <div
        data-testid="message-actions"
        className={clsx(
          'flex flex-wrap items-center gap-1 px-2 text-xs text-zinc-500 dark:text-zinc-400',
          // A user message's actions show on hover or keyboard focus (desktop), on a tap of the
          // message (touch); hidden, they stay in the page, reachable by Tab and screen readers.
          isUser &&
            !revealed &&
            'focus-within:opacity-100 group-hover:opacity-100 [@media(hover:hover)]:opacity-0 [@media(hover:none)]:h-0 [@media(hover:none)]:overflow-hidden [@media(hover:none)]:focus-within:h-auto',
        )}
      >
        {!isUser && versions}
        {status === 'stopped' && !interrupted && <span data-testid="reply-stopped">{t('stopped')}</span>}
        {interrupted && <span data-testid="reply-interrupted">{t('interrupted')}</span>}
        {!isUser && <ReplyMetrics message={message} />}
        {status !== 'streaming' && text && (
          <CopyButton
            text={() => text}
            label={t('copy')}
            copiedLabel={t('copied')}
            testId="copy-message"
            withIcon
            className={messageActionClass}
            labelClassName={messageActionLabelClass}
          />
        )}
        {!isUser && status !== 'streaming' && text && <ReadAloudButton id={message.id} text={text} />}
        {idle && !editing && (
          <>
            {isUser && (
              <MessageAction
                testId="message-edit"
                icon={<Pencil {...MESSAGE_ICON_PROPS} />}
                onClick={() => setEditing(true)}
              >
                {t('edit')}
              </MessageAction>
            )}
            {!isUser && status !== 'error' && (
              <MessageAction
                testId="regenerate"
                icon={<RefreshCw {...MESSAGE_ICON_PROPS} />}
                onClick={() => onRegenerate(message.id)}
              >
                {t('regenerate')}
              </MessageAction>
            )}
            {interrupted && isLast && (
              <MessageAction testId="continue" icon={<ArrowRight {...MESSAGE_ICON_PROPS} />} onClick={onContinue}>
                {t('continue')}
              </MessageAction>
            )}
            <MessageAction
              testId="message-delete"
              icon={<Trash2 {...MESSAGE_ICON_PROPS} />}
              onClick={() => onDelete(message.id)}
            >
              {t('deleteMessage')}
            </MessageAction>
          </>
        )}
      </div>
    </li>
  );
});

/**
 * A reasoning model's reasoning, collapsed above its answer (open it to read how it got there);
 * while it is still thinking, the summary says so.
 */
function Reasoning({ text, thinking }: { text: string; thinking: boolean }) {
  const t = useTranslations('chat');
  return (
    <details data-testid="message-reasoning" className="mb-2 text-sm text-zinc-600 dark:text-zinc-300">
      <summary className="cursor-pointer select-none text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {thinking ? <span className="animate-pulse">{t('reasoningActive')}</span> : t('reasoning')}
      </summary>
      <p
        data-testid="message-reasoning-text"
        className="mt-1 whitespace-pre-wrap border-l-2 border-zinc-200 pl-3 dark:border-zinc-700"
      >
        {text.trim()}
      </p>
    </details>
  );
}

/**
 * How fast a reply came, as the server measured it (time to first token, tokens per second) and
 * its token usage: short figures with icons, the full sentences for tooltips and screen readers.
 * Saved with the reply, so shown after a reload too; nothing for a reply without them (stopped).
 */
function ReplyMetrics({ message }: { message: ChatMessage }) {
  const t = useTranslations('chat');
  const format = useFormatter();
  const usage = message.metadata?.usage;
  const timing = message.metadata?.timing ?? {};
  const rate = tokensPerSecond(timing, usage?.outputTokens);
  const hasUsage = usage?.inputTokens != null && usage.outputTokens != null;
  if (timing.ttftMs === undefined && rate === undefined && !hasUsage) return null;
  const seconds =
    timing.ttftMs !== undefined &&
    format.number(timing.ttftMs / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const speed = rate !== undefined && format.number(rate, { maximumFractionDigits: 1 });
  const figure = (icon: ReactNode, short: string, full: string, testId?: string) => (
    <span data-testid={testId} className="inline-flex items-center gap-0.5" title={full}>
      {icon}
      <span aria-hidden>{short}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
  // `contents`: its figures sit in the actions' row; on a phone the speed wraps to a line of its
  // own below it, so usage and the actions still share one row.
  return (
    <span data-testid="reply-metrics" className="contents tabular-nums">
      {(seconds || speed) && (
        <span className="inline-flex items-center gap-x-2 px-1 max-sm:order-last max-sm:w-full">
          {seconds &&
            figure(<Timer size={12} aria-hidden />, t('ttftShort', { seconds }), t('ttft', { seconds }), 'reply-ttft')}
          {speed &&
            figure(
              <Gauge size={12} aria-hidden />,
              t('speedShort', { rate: speed }),
              t('speed', { rate: speed }),
              'reply-speed',
            )}
        </span>
      )}
      {hasUsage &&
        figure(
          null,
          t('usageShort', { input: usage.inputTokens!, output: usage.outputTokens! }),
          t('usage', { input: usage.inputTokens!, output: usage.outputTokens! }),
          'message-usage',
        )}
    </span>
  );
}
