'use client';

import { useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { getSession, subscribeSession } from '@/lib/client/chat/chat-session';
import { historyStore } from '@/lib/client/chat/history';

const EMPTY = { conversations: [], persistent: null } as ReturnType<typeof historyStore.get>;

/**
 * Printed only (a PDF of the conversation): the app's name, the conversation's title and when it
 * was last written to, above the messages.
 */
export function PrintHeader() {
  const t = useTranslations();
  const locale = useLocale();
  const id = useSyncExternalStore(
    subscribeSession,
    () => getSession().id,
    () => null,
  );
  const { conversations } = useSyncExternalStore(historyStore.subscribe, historyStore.get, () => EMPTY);
  const conversation = conversations.find((c) => c.id === id);
  if (!conversation) return null;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    conversation.updatedAt,
  );
  return (
    <div data-testid="print-header" className="hidden border-b border-zinc-300 pb-3 dark:border-zinc-700 print:block">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('app.name')}</p>
      <h1 className="text-xl font-bold">{conversation.title || t('history.untitled')}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        <time dateTime={new Date(conversation.updatedAt).toISOString()}>{date}</time>
      </p>
    </div>
  );
}
