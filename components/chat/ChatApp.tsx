'use client';

import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { DropZone } from '@/components/attachments/DropZone';
import { LazyComparePanel, LazyCompareResult } from '@/components/compare/lazy';
import { useCompareBusy } from '@/components/compare/useCompareBusy';
import { TemporaryChat } from '@/components/history/TemporaryChat';
import { ShareLoadedNotice } from '@/components/share/ShareNotices';
import { Notice, UndoNotice } from '@/components/ui/Notice';
import { Hydrate } from '@/components/ui/Hydrate';
import { SidePanel } from '@/components/ui/SidePanel';
import type { PublicConfig } from '@/lib/server/ai/upstream';
import type { PublicVoiceConfig } from '@/lib/server/speech/transcription';
import { inOwnTask, onFirstEngagement } from '@/lib/client/browser/engagement';
import {
  preloadChatRuntime,
  getSession,
  localeStore,
  markLastReply,
  startNewChat,
  subscribeSession,
  temporaryStore,
  userMessageParts,
  failedReplyId,
  hydrateSettings,
  seedSettings,
} from '@/lib/client/chat/chat-session';
import type { ChatHandle } from '@/lib/client/chat/chat-session';
import {
  deleteMessage,
  editAndResend,
  regenerateReply,
  restoreMessage,
  retryFailedTurn,
  type DeletedMessage,
} from '@/lib/client/chat/message-actions';
import { switchVersion, versionTree } from '@/lib/client/chat/versions';
import { setCodeTarget, setModelProfiles } from '@/lib/shared/model/profile';
import { useRouter } from '@/lib/shared/i18n/navigation';
import type { Locale } from '@/lib/shared/i18n/routing';
import {
  historyStore,
  hydrateModelTitles,
  initHistory,
  openConversation,
  setModelTitlesAllowed,
} from '@/lib/client/chat/history';
import { initDrafts } from '@/lib/client/chat/draft-session';
import { conversationIdFromPath } from '@/lib/shared/offline/offline-cache';
import { withCompareSession } from '@/lib/client/compare/compare-loader';
import { SETTINGS_COLUMN_QUERY, settingsPanelStore } from '@/lib/shared/ui/settings-panel';
import { compareStore } from '@/lib/client/compare/compare-store';
import { ChatErrorNotice } from './ChatErrorNotice';
import { ChatHeader } from './ChatHeader';
import { MeteredComposer } from './MeteredComposer';
import type { MessageHandlers } from './MessageItem';
import { NotConfiguredNotice } from './NotConfiguredNotice';
import { PrintHeader } from './PrintHeader';
import { useChatShortcuts } from './useChatShortcuts';
import { useChatState } from './useChatState';

/**
 * The message list (its items and their actions, the long-text splitter) is not in the first load:
 * an empty chat shows no message. It loads with the Markdown renderer when the visitor engages,
 * when a saved conversation is opened, and at the latest with the first message.
 */
const loadMessageList = () => import('./MessageList');
const MessageList = lazy(() => loadMessageList().then((m) => ({ default: m.MessageList })));
function preloadReplies(): void {
  void loadMessageList();
  void import('@/components/markdown/LazyMarkdown').then((m) => m.preloadMarkdown());
}

/** Streamed text is rendered at most every 50 ms (the first characters at once): long replies stay smooth. */
const RENDER_THROTTLE_MS = 50;

/** Deletes a message and hands it to `offerUndo`, with its chat. */
async function deleteWithUndo(
  chat: ChatHandle,
  id: string,
  offerUndo: (deleted: { chat: ChatHandle; removed: DeletedMessage }) => void,
): Promise<void> {
  const removed = await deleteMessage(chat, id);
  if (removed) offerUndo({ chat, removed });
}

/**
 * Says when this browser keeps no history. Its own component: the history list changes when it is
 * first read (after the page's start) and with every save, and only this needs to render again,
 * not the whole chat (issue #35).
 */
function StorageWarning() {
  const t = useTranslations('history');
  const { persistent } = useSyncExternalStore(historyStore.subscribe, historyStore.get, historyStore.get);
  if (persistent !== false) return null;
  return (
    <Notice role="status" data-testid="storage-warning" tone="warning">
      {t('notSaved')}
    </Notice>
  );
}

/** From this width the history is a column (SidePanel `alwaysFrom="lg"`); below it, a drawer. */
const HISTORY_COLUMN_QUERY = '(min-width: 64rem)';

/**
 * What ChatPage renders on the server for ChatApp to place, each in a `Hydrate` boundary: its code
 * runs when its part is hydrated. The side panels' contents, hidden on a phone until opened, are
 * hydrated there once the visitor starts using the page; where they are columns, after the shell.
 */
export interface ChatParts {
  history: ReactNode;
  settings: ReactNode;
  starters: ReactNode;
  shortcuts: ReactNode;
}

interface ChatAppProps {
  config: PublicConfig;
  /** Voice input: what the deployment offers (lib/server/speech/transcription.ts). */
  voice?: PublicVoiceConfig;
  /** A notice above the conversation, e.g. why a share link could not be opened. */
  banner?: ReactNode;
  /** Set on /[locale]/c/[id]: the saved conversation to open. */
  conversationId?: string;
  parts: ChatParts;
}

/**
 * The page's client entry. Its module's first use instantiates the chat's whole module graph, one
 * piece of work React cannot divide; the chat itself then renders as the next piece, so that React
 * can yield in between (issue #35 item 5).
 */
export function ChatApp(props: ChatAppProps) {
  return <Chat {...props} />;
}

function Chat({ config, voice, banner, conversationId, parts }: ChatAppProps) {
  // Before anything renders: settings, prompts and request bodies follow the selected model's card.
  setModelProfiles(config.profiles);
  setCodeTarget(config.codeTarget);
  setModelTitlesAllowed(config.modelTitles);
  seedSettings(config.models);
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const session = useSyncExternalStore(subscribeSession, getSession, getSession);
  const { messages, status, error } = useChatState(session.chat, RENDER_THROTTLE_MS);
  const { sendMessage, stop } = session.chat;
  const versions = versionTree(session.chat);
  // Re-rendered when versions are added or switched (not for every streamed token).
  const versionOf = useSyncExternalStore(versions.subscribe, versions.view, versions.view);
  const compare = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  const compareBusy = useCompareBusy();
  const temporary = useSyncExternalStore(temporaryStore.subscribe, temporaryStore.get, () => false);
  const comparing = compare.open || compare.run !== null;
  const [missing, setMissing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  // The drawer closes when another conversation is chosen, at once, not when its messages have
  // been read: a drawer opened while they are read (a reload) stays open.
  const [drawerFor, setDrawerFor] = useState(conversationId);
  if (drawerFor !== conversationId) {
    setDrawerFor(conversationId);
    setHistoryOpen(false);
  }
  /** From `lg` up the history is a column; a shortcut hides it. */
  const [historyCollapsed, setHistoryCollapsed] = useState(false);
  /** The drawer below `md`; from `md` up the panel is a column shown as the person left it. */
  const [settingsOpen, setSettingsOpen] = useState(false);
  const historyToggleRef = useRef<HTMLButtonElement>(null);
  const settingsToggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => localeStore.set(locale), [locale]);
  useEffect(() => hydrateSettings(config.models), [config.models]);
  // Opening IndexedDB and reading the list: a task of its own, not part of the first effects' one.
  useEffect(() => inOwnTask(initHistory), []);
  useEffect(() => hydrateModelTitles(), []);
  // The chat runtime (AI SDK) and the Markdown renderer are not in the first load. They are
  // fetched when the visitor starts using the page (moves the pointer, touches, focuses, types),
  // which is seconds before a typed message is sent, so evaluating them (~150 KB gzip) does not
  // compete with the page's start for someone who only looks; at the latest on send, and the
  // renderer whenever a saved conversation is shown.
  useEffect(
    () =>
      onFirstEngagement(() => {
        preloadChatRuntime();
        preloadReplies();
      }),
    [],
  );

  useEffect(() => {
    // Offline, the service worker answers /[locale]/c/[id] with the kept new-chat page
    // (lib/client/runtime/sw/service-worker.ts): the id is then only in the URL. Read here, after
    // the router has set the URL (during a render it may still be the page navigated from).
    const id = conversationId ?? conversationIdFromPath(window.location.pathname);
    if (!id) return;
    preloadReplies();
    let cancelled = false;
    void openConversation(id, config.models).then((result) => {
      if (cancelled) return;
      setMissing(result === 'missing');
    });
    return () => {
      cancelled = true;
    };
  }, [conversationId, config.models]);
  // After the opening has begun: on a conversation's page, text typed before the page's code ran
  // is that conversation's draft, and stays in the composer when its messages arrive.
  useEffect(() => initDrafts(), []);

  // A new conversation gets its own URL as soon as it has a message, so reload and bookmarks reopen it
  // (a temporary chat's does not: there is nothing to reopen).
  const hasMessages = messages.length > 0 || compare.run !== null;
  useEffect(() => {
    if (conversationId || !hasMessages || temporary) return;
    window.history.replaceState(null, '', `/${locale}/c/${session.id}`);
  }, [conversationId, hasMessages, locale, session.id, temporary]);

  const busy = compare.run ? compareBusy : status === 'submitted' || status === 'streaming';
  // A comparison that is over waits for its pick: the next message comes after it.
  const awaitingPick = compare.run !== null && !compareBusy;
  const lastReply = messages.findLast((m) => m.role === 'assistant');
  const droppedTurns = lastReply?.metadata?.droppedTurns ?? 0;

  /** The message just deleted, offered back (undo) until the next deletion, send or chat. */
  const [deleted, setDeleted] = useState<{ chat: ChatHandle; removed: DeletedMessage } | null>(null);
  const handlers = useMemo<MessageHandlers>(
    () => ({
      onEdit: (id, text) => void editAndResend(session.chat, id, text),
      onDelete: (id) => void deleteWithUndo(session.chat, id, setDeleted),
      onRegenerate: (id) => void regenerateReply(session.chat, id),
      onContinue: () => void session.chat.sendMessage({ text: t('chat.continuePrompt') }),
      onRetry: () => void retryFailedTurn(session.chat),
      onSwitchVersion: (id, delta) => switchVersion(session.chat, id, delta),
    }),
    [session.chat, t, setDeleted],
  );

  async function handleStop() {
    if (compare.run) return withCompareSession((session) => void session.stopComparison());
    await stop();
    markLastReply('stopped');
  }

  function handleNewChat() {
    startNewChat();
    setMissing(false);
    router.push('/');
  }

  const shortcutNotice = useChatShortcuts({
    messages,
    busy,
    historyOpen,
    onNewChat: handleNewChat,
    onStop: () => void handleStop(),
    setHistoryOpen,
    setHistoryCollapsed,
  });

  function toggleHistory() {
    // The header's button shows from `lg` up only while the column is hidden: it shows it again.
    if (historyCollapsed && window.matchMedia('(min-width: 64rem)').matches) setHistoryCollapsed(false);
    else setHistoryOpen((open) => !open);
  }

  function closeSettings() {
    setSettingsOpen(false);
    if (window.matchMedia(SETTINGS_COLUMN_QUERY).matches) settingsPanelStore.set('closed');
  }

  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#composer"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-zinc-900"
      >
        {t('app.skipToComposer')}
      </a>
      <ChatHeader
        models={config.models}
        onNewChat={handleNewChat}
        historyOpen={historyOpen}
        historyCollapsed={historyCollapsed}
        onToggleHistory={toggleHistory}
        historyToggleRef={historyToggleRef}
        settingsOpen={settingsOpen}
        onToggleSettings={() => setSettingsOpen((open) => !open)}
        settingsToggleRef={settingsToggleRef}
      />

      <div className="relative flex min-h-0 flex-1">
        <SidePanel
          id="history-panel"
          title={t('history.title')}
          closeLabel={t('history.close')}
          open={historyOpen}
          alwaysFrom="lg"
          collapsed={historyCollapsed}
          side="left"
          onClose={() => setHistoryOpen(false)}
          toggleRef={historyToggleRef}
        >
          <Hydrate whenShownFrom={HISTORY_COLUMN_QUERY}>{parts.history}</Hydrate>
        </SidePanel>

        <DropZone disabled={!config.configured}>
          <main className="flex min-h-0 min-w-0 flex-1 flex-col">
            <div data-scroll-container className="flex-1 overflow-y-auto">
              <div
                data-export="conversation"
                className={`mx-auto flex ${comparing ? 'max-w-6xl' : 'max-w-3xl'} flex-col gap-6 px-4 py-6`}
              >
                <PrintHeader />
                {banner}
                {config.configured && <TemporaryChat hasMessages={hasMessages || comparing} />}
                <ShareLoadedNotice />
                {!config.configured && <NotConfiguredNotice id="not-configured" />}
                <StorageWarning />
                {missing && (
                  <Notice role="status" data-testid="conversation-missing">
                    {t('chat.conversationMissing')}
                  </Notice>
                )}
                {messages.length === 0 && !comparing && (
                  <div className="py-10 text-center">
                    <h2 className="text-2xl font-bold">{t('chat.emptyTitle')}</h2>
                    <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('chat.emptyHint')}</p>
                    <div className="mt-6">
                      <Hydrate>{parts.starters}</Hydrate>
                    </div>
                  </div>
                )}
                {droppedTurns > 0 && (
                  <Notice data-testid="context-notice" role="note">
                    {t('chat.contextNotice', { count: droppedTurns })}
                  </Notice>
                )}
                {messages.length > 0 && (
                  <Suspense fallback={null}>
                    <MessageList
                      messages={messages}
                      chatStatus={status}
                      error={status === 'error' ? error : undefined}
                      versionOf={versionOf}
                      {...handlers}
                    />
                  </Suspense>
                )}
                {/* A request that failed before its reply began: the error stands after the conversation. */}
                {error && status === 'error' && !failedReplyId(messages, status) && (
                  <ChatErrorNotice error={error} onRetry={handlers.onRetry} />
                )}
                {/* Compare mode's code is loaded by then (it is what opens compare mode). */}
                <Suspense fallback={null}>
                  {/* After a pick: under the picked reply while it is the last; the chat going on ends it
                      (the reply keeps its own note of the comparison). */}
                  {compare.result && messages.at(-1)?.id === compare.result.replyId && <LazyCompareResult />}
                  {comparing && <LazyComparePanel models={config.models} />}
                </Suspense>
              </div>
            </div>
            <div
              data-print="hide"
              className="mx-auto w-full max-w-3xl px-[max(1rem,env(safe-area-inset-left))] pb-[max(1rem,env(safe-area-inset-bottom))]"
            >
              <UndoNotice
                note={
                  deleted?.chat === session.chat && !busy
                    ? {
                        text: t('chat.messageDeleted'),
                        undo: () => {
                          restoreMessage(deleted.chat, deleted.removed);
                          setDeleted(null);
                        },
                      }
                    : null
                }
                size="sm"
                testId="message-deleted"
                undoTestId="message-undo"
                undoLabel={t('chat.undoDelete')}
                className="mb-1"
              />
              {/* The banner scrolls away with the conversation; this stays by the message box. */}
              {temporary && hasMessages && (
                <p
                  data-testid="temporary-note"
                  className="px-2 pb-1 text-xs font-medium text-amber-800 dark:text-amber-200"
                >
                  {t('chat.temporary.composerNote')}
                </p>
              )}
              <p
                role="status"
                data-testid="shortcut-notice"
                className="px-2 pb-1 text-xs text-zinc-600 empty:hidden dark:text-zinc-300"
              >
                {shortcutNotice}
              </p>
              <MeteredComposer
                messages={messages}
                contextTokens={config.contextTokens}
                locale={locale as Locale}
                metered={config.configured}
                busy={busy}
                disabled={!config.configured || awaitingPick}
                disabledReasonId={
                  !config.configured ? 'not-configured' : awaitingPick ? 'compare-pick-hint' : undefined
                }
                voice={voice}
                onSend={(text, documents) => {
                  preloadReplies();
                  setDeleted(null);
                  if (compare.open && !compare.run)
                    withCompareSession((session) => session.startComparison(text, documents));
                  else void sendMessage({ parts: userMessageParts(text, documents) });
                }}
                onStop={() => void handleStop()}
              />
            </div>
          </main>
        </DropZone>

        <SidePanel
          id="settings-panel"
          title={t('settings.title')}
          closeLabel={t('settings.close')}
          open={settingsOpen}
          alwaysFrom="remembered"
          side="right"
          onClose={closeSettings}
          reopenLabel={t('settings.open')}
          onReopen={() => settingsPanelStore.set('open')}
          toggleRef={settingsToggleRef}
        >
          <Hydrate whenShownFrom={SETTINGS_COLUMN_QUERY}>{parts.settings}</Hydrate>
        </SidePanel>
      </div>
      <Hydrate>{parts.shortcuts}</Hydrate>
    </div>
  );
}
