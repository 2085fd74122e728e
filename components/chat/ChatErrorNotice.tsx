'use client';

import { parseChatError, type ChatError } from '@/lib/shared/ai/chat-error';
import { useEffect, useState, useId, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';

export type ClientChatError =
  | (ChatError & { field?: string })
  | { code: 'network'; detail?: string; field?: undefined; retryAfterSeconds?: undefined };

const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|network request failed/i;

/**
 * Turns what useChat reports into a typed error. A failed HTTP response arrives as an
 * Error whose message is the response body (our JSON); a stream error carries the
 * errorText our server wrote (also JSON); a dropped connection is a fetch TypeError.
 */
export function describeChatError(error: Error): ClientChatError {
  if (NETWORK_FAILURE.test(error.message)) return { code: 'network' };
  const parsed = parseChatError(error.message);
  return { ...parsed, field: fieldOf(error.message) };
}

function fieldOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { field?: unknown } };
    return typeof body.error?.field === 'string' ? body.error.field : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Seconds the server asked the user to wait before retrying a failed turn, if it asked: an
 * upstream's `Retry-After` (rate_limited, or any other code that carried one) or our own 429s
 * (too_many_requests, too_many_streams). The retry button waits that long.
 */
export function retryWaitSeconds(error: Pick<ClientChatError, 'retryAfterSeconds'>): number | undefined {
  const seconds = error.retryAfterSeconds;
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Whole seconds left until `deadlineMs`, rounded up (1 until the very end); 0 once it has passed. */
export function secondsLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/** Milliseconds until `secondsLeft` next changes; 0 when it has reached 0. */
export function msUntilNextSecond(deadlineMs: number, nowMs: number): number {
  const remaining = deadlineMs - nowMs;
  return remaining <= 0 ? 0 : remaining % 1000 || 1000;
}

/**
 * Whole seconds left of a wait of `seconds` that began when `error` was first shown, ticking
 * down to 0 (0 at once when there is no wait). A new error starts its own wait.
 */
export function useRetryCountdown(error: object, seconds: number): number {
  const [state, setState] = useState({ error, left: seconds });

  useEffect(() => {
    if (seconds <= 0) return;
    const deadline = Date.now() + seconds * 1000;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = Date.now();
      setState({ error, left: secondsLeft(deadline, now) });
      const next = msUntilNextSecond(deadline, now);
      if (next > 0) timer = setTimeout(tick, next);
    };
    timer = setTimeout(tick, msUntilNextSecond(deadline, Date.now()));
    return () => clearTimeout(timer);
  }, [error, seconds]);

  return state.error === error ? state.left : Math.max(0, seconds);
}

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
