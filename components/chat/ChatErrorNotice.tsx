'use client';

import { useEffect, useId, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { describeChatError } from '@/lib/client/chat/client-error';
import { retryWaitSeconds } from '@/lib/client/chat/retry-countdown';
import { useRetryCountdown } from './useRetryCountdown';

/**
 * The localized error of a failed turn, with the action to take and a retry button. When the
 * server said how long to wait (a 429's Retry-After), the button waits that long, counting down.
 */
export function ChatErrorNotice({
  error,
  onRetry,
  live = true,
}: {
  error: Error;
  onRetry: () => void;
  /**
   * The error has just happened: it is scrolled into view (on a phone the reply may end below the
   * screen) and a wait the server asked for counts down. A saved one (an earlier reply's, or after
   * a reload) only shows.
   */
  live?: boolean;
}) {
  const t = useTranslations('errors');
  const countdownId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const described = describeChatError(error);
  const left = useRetryCountdown(error, live ? (retryWaitSeconds(described) ?? 0) : 0);

  useEffect(() => {
    if (live) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [live, error]);
  const message =
    described.code === 'rate_limited' && described.retryAfterSeconds
      ? t('rate_limited_wait', { seconds: described.retryAfterSeconds })
      : described.code === 'invalid_request'
        ? t('invalid_request', { field: described.field ?? 'body' })
        : described.code === 'too_many_requests' || described.code === 'too_many_streams'
          ? t(described.code, { seconds: described.retryAfterSeconds ?? 1 })
          : t(described.code);

  return (
    <div
      ref={ref}
      role={live ? 'alert' : undefined}
      data-testid="chat-error"
      data-code={described.code}
      className="flex flex-col gap-2 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p>{message}</p>
      {described.detail && (
        <p className="text-xs opacity-80">
          {t('detailLabel')}: <span data-testid="chat-error-detail">{described.detail}</span>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          data-testid="retry"
          onClick={onRetry}
          disabled={left > 0}
          aria-describedby={left > 0 ? countdownId : undefined}
          className="rounded-lg border border-red-400 px-3 py-1 font-medium hover:bg-red-100 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent dark:border-red-700 dark:hover:bg-red-900 dark:disabled:hover:bg-transparent"
        >
          {t('retry')}
        </button>
        {left > 0 && (
          <span id={countdownId} role="timer" data-testid="chat-error-countdown" className="tabular-nums">
            {t('retryIn', { seconds: left })}
          </span>
        )}
      </div>
    </div>
  );
}
