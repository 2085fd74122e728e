'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ChatErrorNotice } from '@/components/chat/ChatErrorNotice';
import { useChatState } from '@/components/chat/useChatState';
import { ViewCodeButton } from '@/components/code/ViewCodeButton';
import { LazyMarkdown } from '@/components/markdown/LazyMarkdown';
import { Button, ICON_PROPS } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { modelLabel } from '@/lib/shared/model/profile';
import { messageText, replyStatus } from '@/lib/client/chat/chat-session';
import { columnCanBePicked, pickColumn, retryColumn, type CompareColumn } from '@/lib/client/compare/compare-session';
import { ColumnFrame } from './ColumnFrame';
import { CompareMetrics } from './CompareMetrics';

const RENDER_THROTTLE_MS = 50;

/** The name a column goes by: its model, or "Model A" / "Model B" while a blind comparison runs. */
export function useColumnName() {
  const t = useTranslations('compare');
  return (column: CompareColumn, index: number, blind: boolean) =>
    blind ? t('blindName', { letter: 'AB'[index] }) : modelLabel(column.settings.model);
}

/** One column of a comparison under way or waiting for its pick. */
export function RunColumn({ column, index, blind }: { column: CompareColumn; index: number; blind: boolean }) {
  const t = useTranslations('compare');
  const tChat = useTranslations('chat');
  const { messages, status, error } = useChatState(column.chat, RENDER_THROTTLE_MS);
  const timing = useSyncExternalStore(
    column.timer.subscribe,
    () => column.timer.timing,
    () => column.timer.timing,
  );
  const name = useColumnName()(column, index, blind);
  const last = messages.at(-1);
  const reply = last?.role === 'assistant' ? last : undefined;
  const text = reply ? messageText(reply) : '';
  const busy = status === 'submitted' || status === 'streaming';
  const state = reply ? replyStatus(reply, true, status) : busy ? 'streaming' : status === 'error' ? 'error' : 'done';
  // The request as it was sent: the conversation up to the prompt (not the reply).
  const codeSource = useCallback(
    () => ({ settings: column.settings, messages: reply ? column.chat.messages.slice(0, -1) : column.chat.messages }),
    [column, reply],
  );

  return (
    <ColumnFrame
      name={name}
      model={blind ? undefined : column.settings.model}
      status={state}
      headerExtra={
        !blind && (
          <ViewCodeButton
            source={codeSource}
            testId="compare-view-code"
            label={t('viewCode')}
            ariaLabel={t('viewCodeLabel', { name })}
            inline
          />
        )
      }
    >
      <div data-testid="compare-reply" className="min-h-16 flex-1">
        {text ? (
          <LazyMarkdown text={text} streaming={busy} />
        ) : busy ? (
          <span className="animate-pulse text-zinc-500 dark:text-zinc-400">{tChat('thinking')}</span>
        ) : null}
        {error && status === 'error' ? (
          <div className={text ? 'mt-3' : undefined}>
            <ChatErrorNotice error={error} onRetry={() => retryColumn(index)} />
          </div>
        ) : (
          state === 'error' && (
            <Notice
              tone="error"
              action={
                <Button variant="danger" size="xs" onClick={() => retryColumn(index)}>
                  {t('retry')}
                </Button>
              }
            >
              {t('failed')}
            </Notice>
          )
        )}
      </div>
      {state === 'stopped' && <p className="text-xs text-zinc-500 dark:text-zinc-400">{tChat('stopped')}</p>}
      <CompareMetrics timing={timing} usage={reply?.metadata?.usage} />
      <Button
        variant="primary"
        size="lg"
        data-testid="compare-pick"
        disabled={!columnCanBePicked(column)}
        aria-label={t('pickLabel', { name })}
        onClick={() => pickColumn(index)}
        icon={<Check {...ICON_PROPS} />}
      >
        {t('pick')}
      </Button>
    </ColumnFrame>
  );
}
