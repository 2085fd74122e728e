'use client';

import { FileText } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { formatBytes } from '@/lib/client/attachments/format';
import type { AttachedDocument } from '@/lib/client/chat/types';

/** A sent message's documents as chips: the model got their text, the conversation shows their names. */
export function SentDocuments({ documents }: { documents: AttachedDocument[] }) {
  const t = useTranslations('attachments');
  const locale = useLocale();
  return (
    <ul aria-label={t('sentLabel')} className="flex max-w-full flex-wrap justify-end gap-2">
      {documents.map((document, index) => (
        <li
          key={index}
          data-testid="attachment"
          data-sent
          className="flex max-w-full items-center gap-2 rounded-xl border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <FileText size={16} className="shrink-0" aria-hidden />
          <span className="min-w-0 truncate font-medium" title={document.name}>
            {document.name}
          </span>
          <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-300">
            {formatBytes(document.size, locale)}
            {document.pages &&
              ` · ${t('pages')} ${document.pages.from}–${document.pages.to} ${t('pagesOf', { total: document.pages.total })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
