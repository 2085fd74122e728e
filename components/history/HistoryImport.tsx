'use client';

import { useTranslations } from 'next-intl';
import { JsonFileImport } from '@/components/ui/JsonFileImport';
import { historyStore, restoreConversations } from '@/lib/chat/history';
import { MAX_CONVERSATION_IMPORT_BYTES, withFreshIds, type ConversationImportError } from '@/lib/storage/transfer';

const MB = 1024 * 1024;

/** Imports conversations from a JSON export: validated whole, stored in one transaction, never overwriting. */
export function HistoryImport({ className, onImported }: { className: string; onImported: (message: string) => void }) {
  const t = useTranslations('history');

  function describe(error: ConversationImportError): string {
    switch (error.code) {
      case 'too_large':
        return t('importErrors.too_large', { size: (error.bytes / MB).toFixed(1), max: error.max / MB });
      case 'wrong_shape':
        return t('importErrors.wrong_shape', { path: error.path, message: error.message });
      case 'too_many':
        return t('importErrors.too_many', { count: error.count, max: error.max });
      default:
        return t(`importErrors.${error.code}`);
    }
  }

  async function onImport(text: string): Promise<string | null> {
    const existing = historyStore.get().conversations;
    // The file's validation (zod) loads when a file is chosen: it is not part of the page.
    const { parseConversationFile } = await import('@/lib/storage/import-file');
    const parsed = parseConversationFile(text, existing.length);
    if (!parsed.ok) return describe(parsed.error);
    const { conversations, renamed } = withFreshIds(parsed.conversations, new Set(existing.map((c) => c.id)));
    await restoreConversations(conversations);
    const summary = t('imported', { count: conversations.length });
    onImported(renamed > 0 ? `${summary} ${t('importRenamed', { count: renamed })}` : summary);
    return null;
  }

  return (
    <JsonFileImport
      testId="history-import"
      label={t('import')}
      className={className}
      maxBytes={MAX_CONVERSATION_IMPORT_BYTES}
      errorTitle={t('importErrors.title')}
      tooLargeMessage={(bytes) => describe({ code: 'too_large', bytes, max: MAX_CONVERSATION_IMPORT_BYTES })}
      unreadableMessage={t('importErrors.unreadable')}
      onImport={onImport}
    />
  );
}
