'use client';

import { useTranslations } from 'next-intl';
import { JsonFileImport, useImportErrorText } from '@/components/ui/JsonFileImport';
import type { ButtonSize } from '@/components/ui/Button';
import { historyStore, restoreConversations } from '@/lib/client/chat/history';
import { MAX_CONVERSATION_IMPORT_BYTES, MAX_CONVERSATIONS, planImport } from '@/lib/client/storage/transfer';

const MB = 1024 * 1024;

/**
 * Imports conversations from a JSON export: validated whole, stored in one transaction. What is
 * already here is not added twice (lib/client/storage/transfer.ts planImport); the note says what came in.
 */
export function HistoryImport({
  size,
  onImported,
}: {
  size: ButtonSize;
  /** The note after an import; null when a new file is chosen (the last note no longer stands). */
  onImported: (message: string | null) => void;
}) {
  const t = useTranslations('history');

  const describe = useImportErrorText('history.importErrors', MB, 1);

  async function onImport(text: string): Promise<string | null> {
    const existing = historyStore.get().conversations;
    // The file's validation (zod) loads when a file is chosen: it is not part of the page.
    const { parseConversationFile } = await import('@/lib/client/storage/import-file');
    const parsed = parseConversationFile(text, 0);
    if (!parsed.ok) return describe(parsed.error);
    const plan = planImport(parsed.conversations, existing);
    const count = existing.length + plan.added;
    if (count > MAX_CONVERSATIONS) return describe({ code: 'too_many', count, max: MAX_CONVERSATIONS });
    if (plan.conversations.length > 0) await restoreConversations(plan.conversations);
    const parts = [t('imported', { count: plan.added })];
    if (plan.replaced > 0) parts.push(t('importReplaced', { count: plan.replaced }));
    if (plan.unchanged > 0) parts.push(t('importSkipped', { count: plan.unchanged }));
    if (plan.keptNewer > 0) parts.push(t('importKeptNewer', { count: plan.keptNewer }));
    onImported(parts.join(' '));
    return null;
  }

  return (
    <JsonFileImport
      testId="history-import"
      label={t('import')}
      size={size}
      maxBytes={MAX_CONVERSATION_IMPORT_BYTES}
      errorTitle={t('importErrors.title')}
      tooLargeMessage={(bytes) => describe({ code: 'too_large', bytes, max: MAX_CONVERSATION_IMPORT_BYTES })}
      unreadableMessage={t('importErrors.unreadable')}
      onPick={() => onImported(null)}
      onImport={onImport}
    />
  );
}
