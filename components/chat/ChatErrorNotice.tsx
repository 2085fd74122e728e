'use client';

import { useEffect, useId, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
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
  const ref = useRef<HTMLElement>(null);
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
    <Notice
      ref={ref}
      as="div"
      tone="error"
      size="lg"
      role={live ? 'alert' : undefined}
      data-testid="chat-error"
      data-code={described.code}
      className="flex flex-col gap-2"
    >
      <p>{message}</p>
      {described.detail && (
        <p className="text-xs opacity-80">
          {t('detailLabel')}: <span data-testid="chat-error-detail">{described.detail}</span>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button
          variant="danger"
          data-testid="retry"
          onClick={onRetry}
          disabled={left > 0}
          aria-describedby={left > 0 ? countdownId : undefined}
        >
          {t('retry')}
        </Button>
        {left > 0 && (
          <span id={countdownId} role="timer" data-testid="chat-error-countdown" className="tabular-nums">
            {t('retryIn', { seconds: left })}
          </span>
        )}
      </div>
    </Notice>
  );
}
