'use client';

import { memo, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { downloadBlob, downloadTextFile } from '@/lib/client/browser/download';
import { startNewChat } from '@/lib/client/chat/chat-session';
import { useRouter } from '@/lib/shared/i18n/navigation';
import type { Conversation } from '@/lib/client/storage/conversation';
import {
  allConversations,
  deleteConversation,
  historyStore,
  NO_CONVERSATIONS,
  openEntryStore,
  pinConversation,
  renameConversation,
  restoreConversations,
} from '@/lib/client/chat/history';
import { groupHistory } from '@/lib/shared/history/groups';
import { exportConversations } from '@/lib/client/storage/transfer';
import { ConversationItem, type ConversationExportFormat } from './ConversationItem';
import { useConversationExport } from './useConversationExport';
import { HistoryImport } from './HistoryImport';
import { SearchField } from '@/components/ui/SearchField';
import { Button } from '@/components/ui/Button';
import { UndoNotice, type UndoableNote } from '@/components/ui/Notice';

// The list as the server rendered it until it differs (the server's is empty, and so is a first
// visit's once read): hydrated after the shell, the sidebar does not render again on a first visit.
const listedConversations = () => historyStore.get().conversations;
const noConversations = () => NO_CONVERSATIONS;
type Search = typeof import('@/lib/client/chat/history-search');

/**
 * Saved conversations: pinned ones on top, the rest under date headings (today, yesterday, the
 * previous 7 days, older: by calendar day in the browser's time zone), newest first in each.
 * Search, open, pin, rename, delete with undo, export, import.
 * Memoized: ChatApp renders again for every streamed update; the sidebar only follows its stores.
 */
export const HistorySidebar = memo(function HistorySidebar() {
  const t = useTranslations('history');
  const exportFile = useConversationExport();
  const router = useRouter();
  const conversations = useSyncExternalStore(historyStore.subscribe, listedConversations, noConversations);
  // The open conversation, when it is listed (a new chat is not).
  const activeId =
    useSyncExternalStore(openEntryStore.subscribe, openEntryStore.get, openEntryStore.getServer)?.id ?? null;
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<UndoableNote | null>(null);
  // Search loads with the first key typed in it: the sidebar is in the page's first load, search is not.
  const [search, setSearch] = useState<Search | null>(null);
  const shown = search ? conversations.filter((c) => search.conversationMatches(query, c)) : conversations;
  // The date headings follow the clock: checked every minute, so 今日 becomes 昨日 after midnight.
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const groups = groupHistory(shown, Math.max(now, shown[0]?.updatedAt ?? 0));

  async function remove(conversation: Conversation) {
    const removed = await deleteConversation(conversation.id);
    if (conversation.id === activeId) {
      startNewChat();
      router.push('/');
    }
    if (!removed) return;
    const title = conversation.title || t('untitled');
    setNotice({
      text: t('deleted', { title }),
      undo: () => {
        void restoreConversations([removed]);
        setNotice(null);
      },
    });
  }

  function exportOne(conversation: Conversation, format: ConversationExportFormat) {
    if (format === 'pdf' || format === 'image')
      return void exportView(conversation, format, `swallow-chat-${conversation.id}`);
    exportFile(conversation, format);
  }

  /** PDF (print) and PNG are of the conversation as shown: one that is not open is opened first. */
  async function exportView(conversation: Conversation, format: 'pdf' | 'image', base: string) {
    if (conversation.id !== activeId) router.push(`/c/${conversation.id}`);
    const { conversationImage, printConversation } = await import('@/lib/client/export/conversation-export');
    try {
      if (format === 'pdf') return await printConversation(conversation.id);
      downloadBlob(`${base}.png`, await conversationImage(conversation.id));
    } catch {
      setNotice({ text: t('exportFailed') });
    }
  }

  async function exportAll() {
    downloadTextFile(
      `swallow-chat-conversations-${new Date().toISOString().slice(0, 10)}.json`,
      exportConversations(await allConversations()),
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button
          size="xs"
          data-testid="history-export-all"
          onClick={() => void exportAll()}
          disabled={conversations.length === 0}
        >
          {t('exportAll')}
        </Button>
        <HistoryImport size="xs" onImported={(text) => setNotice(text ? { text } : null)} />
      </div>
      <SearchField
        id="history-search"
        testId="history-search"
        label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={query}
        onChange={(value) => {
          setQuery(value);
          // Loaded once; later keys get the same module, which renders nothing again.
          void import('@/lib/client/chat/history-search').then(setSearch);
        }}
      />
      <UndoNotice note={notice} size="sm" testId="history-notice" undoTestId="history-undo" undoLabel={t('undo')} />
      {conversations.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('empty')}</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('noResults')}</p>
      ) : (
        <div className="flex flex-col gap-3">
          {groups.map(({ group, items }) => (
            <section key={group} aria-labelledby={`history-group-${group}`} data-group={group}>
              <h3
                id={`history-group-${group}`}
                // The date headings are the e2e contract's history-group; the pinned one is named apart.
                data-testid={group === 'pinned' ? 'history-group-pinned' : 'history-group'}
                className="px-2 pb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400"
              >
                {t(`groups.${group}`)}
              </h3>
              <ul className="flex flex-col gap-0.5">
                {items.map((conversation) => (
                  <ConversationItem
                    key={conversation.id}
                    conversation={conversation}
                    active={conversation.id === activeId}
                    onRename={(title) => void renameConversation(conversation.id, title)}
                    onPin={(pinned) => void pinConversation(conversation.id, pinned)}
                    onDelete={() => void remove(conversation)}
                    onExport={(format) => exportOne(conversation, format)}
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
});
