'use client';

import { useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { openEntryStore } from '@/lib/client/chat/history';

/**
 * Printed only (a PDF of the conversation): the app's name, the conversation's title and when it
 * was last written to, above the messages. Renders again only when that entry changes (not after
 * every load's hydration, when a new chat has none).
 */
export function PrintHeader() {
  const t = useTranslations();
  const locale = useLocale();
  const conversation = useSyncExternalStore(openEntryStore.subscribe, openEntryStore.get, openEntryStore.getServer);
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
