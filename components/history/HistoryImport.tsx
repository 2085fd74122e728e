'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslations } from 'next-intl';
import { historyStore, restoreConversations } from '@/lib/storage/history';
import { MAX_CONVERSATION_IMPORT_BYTES, parseConversationFile, withFreshIds, type ConversationImportError } from '@/lib/storage/transfer';

const MB = 1024 * 1024;

/** Imports conversations from a JSON export: validated whole, stored in one transaction, never overwriting. */
export function HistoryImport({ className, onImported }: { className: string; onImported: (message: string) => void }) {
  const t = useTranslations('history');
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  function describe(importError: ConversationImportError | { code: 'unreadable' }): string {
    switch (importError.code) {
      case 'too_large':
        return t('importErrors.too_large', { size: (importError.bytes / MB).toFixed(1), max: importError.max / MB });
      case 'wrong_shape':
        return t('importErrors.wrong_shape', { path: importError.path, message: importError.message });
      case 'too_many':
        return t('importErrors.too_many', { count: importError.count, max: importError.max });
      default:
        return t(`importErrors.${importError.code}`);
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MAX_CONVERSATION_IMPORT_BYTES) return setError(describe({ code: 'too_large', bytes: file.size, max: MAX_CONVERSATION_IMPORT_BYTES }));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setError(describe({ code: 'unreadable' }));
    }
    const existing = historyStore.get().conversations;
    const parsed = parseConversationFile(text, existing.length);
    if (!parsed.ok) return setError(describe(parsed.error));
    const { conversations, renamed } = withFreshIds(parsed.conversations, new Set(existing.map((c) => c.id)));
    await restoreConversations(conversations);
    const summary = t('imported', { count: conversations.length });
    onImported(renamed > 0 ? `${summary} ${t('importRenamed', { count: renamed })}` : summary);
  }

  return (
    <>
      <button type="button" data-testid="history-import" onClick={() => inputRef.current?.click()} className={className}>
        {t('import')}
      </button>
      <input ref={inputRef} data-testid="history-import-file" type="file" accept="application/json,.json" onChange={onFile} className="sr-only" tabIndex={-1} aria-hidden="true" />
      {error && (
        <div role="alert" data-testid="history-import-error" className="w-full rounded-lg border border-red-300 bg-red-50 p-2 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">{t('importErrors.title')}</p>
          <p>{error}</p>
        </div>
      )}
    </>
  );
}
