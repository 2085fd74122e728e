'use client';

import { useTranslations } from 'next-intl';
import { describeChatError } from '@/lib/chat/client-error';

/** The localized error of a failed turn, with the action to take and a retry button. */
export function ChatErrorNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useTranslations('errors');
  const described = describeChatError(error);
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
      role="alert"
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
      <div>
        <button
          type="button"
          data-testid="retry"
          onClick={onRetry}
          className="rounded-lg border border-red-400 px-3 py-1 font-medium hover:bg-red-100 dark:border-red-700 dark:hover:bg-red-900"
        >
          {t('retry')}
        </button>
      </div>
    </div>
  );
}
