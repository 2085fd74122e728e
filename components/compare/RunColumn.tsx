'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ChatErrorNotice } from '@/components/chat/ChatErrorNotice';
import { useChatState } from '@/components/chat/useChatState';
import { ViewCodeButton } from '@/components/code/ViewCodeButton';
import { LazyMarkdown } from '@/components/markdown/LazyMarkdown';
import { ICON_PROPS } from '@/components/ui/header-styles';
import { modelLabel } from '@/lib/shared/ai/model-label';
import { messageText } from '@/lib/client/chat/request-body';
import { replyStatus } from '@/lib/client/chat/request-body';
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
            className="inline-flex min-h-9 shrink-0 items-center gap-1 rounded-lg border border-zinc-300 px-2 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          />
        )
      }
    >
      <div data-testid="compare-reply" className="min-h-16 flex-1">
        {text ? (
          <LazyMarkdown text={text} />
        ) : busy ? (
          <span className="animate-pulse text-zinc-500 dark:text-zinc-400">{tChat('thinking')}</span>
        ) : null}
        {error && status === 'error' ? (
          <div className={text ? 'mt-3' : undefined}>
            <ChatErrorNotice error={error} onRetry={() => retryColumn(index)} />
          </div>
        ) : (
          state === 'error' && (
            <div className="flex items-center gap-3 text-sm text-red-800 dark:text-red-200">
              <p>{t('failed')}</p>
              <button type="button" onClick={() => retryColumn(index)} className="underline">
                {t('retry')}
              </button>
            </div>
          )
        )}
      </div>
      {state === 'stopped' && <p className="text-xs text-zinc-500 dark:text-zinc-400">{tChat('stopped')}</p>}
      <CompareMetrics timing={timing} usage={reply?.metadata?.usage} />
      <button
        type="button"
        data-testid="compare-pick"
        disabled={!columnCanBePicked(column)}
        aria-label={t('pickLabel', { name })}
        onClick={() => pickColumn(index)}
        className="inline-flex min-h-11 items-center justify-center gap-2 rounded-xl bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-40"
      >
        <Check {...ICON_PROPS} />
        {t('pick')}
      </button>
    </ColumnFrame>
  );
}
