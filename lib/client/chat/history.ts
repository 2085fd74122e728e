import { getSession, localeStore, replaceSession, subscribeSession, type ChatSession } from './chat-session';
import { forgetDraft } from './draft-session';
import { createStore } from './external-store';
import { effectiveSystemPrompt } from './request-body';
import { settingsStore } from './settings-store';
import { CONVERSATION_VERSION, titleFrom, type Conversation } from '@/lib/client/storage/conversation';
import { fromConversationSettings, fromStoredMessages, toConversationSettings, toStoredMessages } from './convert';
import { openConversationStore, type ConversationStore } from '@/lib/client/storage/db';
import { loadVersions, versionTree } from './versions';
import { pageStorage, restoreRescue, writeRescue } from '@/lib/client/storage/rescue';
import { loadCompareSession } from '@/lib/client/compare/compare-loader';
import {
  clearComparisonCutOff,
  compareBusy,
  compareSubmitted,
  markComparisonCutOff,
  storedCompareFor,
  subscribeCompareRun,
} from '@/lib/client/compare/compare-store';

export interface HistoryState {
  conversations: Conversation[];
  /** null until storage has been tried; false: history is kept in memory only. */
  persistent: boolean | null;
}

export const historyStore = createStore<HistoryState>({ conversations: [], persistent: null });

const SAVE_THROTTLE_MS = 400;
const CHANNEL = 'swallow-chat:history';
type HistoryEvent = { type: 'saved' | 'deleted'; id: string };

let storePromise: Promise<ConversationStore> | null = null;
/** True while a change made in another tab is applied here: it must not be saved back. */
let applyingRemote = false;
let channel: BroadcastChannel | null = null;

function store(): Promise<ConversationStore> {
  // Every read waits for a reply rescued from the previous page to be stored first.
  storePromise ??= openConversationStore().then(async (db) => {
    await restoreRescue(db, pageStorage()).catch(() => undefined);
    return db;
  });
  return storePromise;
}

async function refreshList(): Promise<void> {
  const db = await store();
  historyStore.set({ conversations: await db.list(), persistent: db.persistent });
}

function broadcast(event: HistoryEvent): void {
  channel?.postMessage(event);
}

/** Storage failed mid-session (quota, eviction): carry on in memory and say so. */
function fallBackToMemory(): void {
  historyStore.set((state) => ({ ...state, persistent: false }));
}

/**
 * Set when the page starts to unload while a reply streams. The browser then cancels the
 * reply's request, which the AI SDK reports as a finished (or failed) reply before pagehide:
 * what is saved from then on must still say the reply was cut off (read back as interrupted).
 * Cleared if the page stays after all (back from the bfcache, or a new request starts).
 */
let leavingMidReply = false;
/** The same for the replies of a comparison (lib/compare). */
let leavingMidCompare = false;
/** IndexedDB writes started and not yet finished: the page may be torn down before they land. */
let savesInFlight = 0;

const isChatBusy = (session: ChatSession) => session.chat.status === 'submitted' || session.chat.status === 'streaming';
const isBusy = (session: ChatSession) => isChatBusy(session) || compareBusy();
/** A conversation is saved once it has a message, or a comparison under way. */
const hasContent = (session: ChatSession) => session.chat.messages.length > 0 || !!storedCompareFor(session.id);

function conversationFrom(session: ChatSession): Conversation {
  const { chat } = session;
  const messages = toStoredMessages(chat.messages, leavingMidReply ? 'streaming' : chat.status);
  const settings = settingsStore.get();
  const compare = storedCompareFor(session.id);
  const versions = versionTree(chat).stored(chat.messages);
  return {
    v: CONVERSATION_VERSION,
    id: session.id,
    title: session.titleEdited ? session.title : titleFrom(compare ? [...messages, compare.prompt] : messages),
    titleEdited: session.titleEdited,
    createdAt: session.createdAt,
    updatedAt: Date.now(),
    settings: toConversationSettings(settings, effectiveSystemPrompt(settings, localeStore.get())),
    messages,
    ...(versions.length > 0 ? { versions } : {}),
    ...(compare ? { compare } : {}),
  };
}

async function save(session: ChatSession): Promise<void> {
  if (!hasContent(session)) return;
  const conversation = conversationFrom(session);
  savesInFlight += 1;
  try {
    await (await store()).put(conversation);
  } catch {
    fallBackToMemory();
  } finally {
    savesInFlight -= 1;
  }
  historyStore.set((state) => ({
    ...state,
    conversations: [conversation, ...state.conversations.filter((c) => c.id !== conversation.id)],
  }));
  broadcast({ type: 'saved', id: conversation.id });
}

/** Saves the open conversation while it changes: throttled while a reply streams, at once when it ends. */
function watch(session: ChatSession): () => void {
  // Versions are kept from the first change on (regenerate, edit: lib/client/chat/versions.ts);
  // the tree follows the messages before the save below reads it.
  versionTree(session.chat);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void save(session);
  };
  const schedule = () => {
    if (applyingRemote) return;
    // Throttled while tokens arrive; an edit, a deletion or a settings change is saved at once.
    if (!isBusy(session)) return flush();
    timer ??= setTimeout(flush, SAVE_THROTTLE_MS);
  };
  const onStatus = () => {
    if (session.chat.status === 'submitted') leavingMidReply = false;
    flush();
  };
  const offMessages = session.chat.subscribeMessages(schedule);
  const offStatus = session.chat.subscribeStatus(onStatus);
  const offSettings = settingsStore.subscribe(schedule);
  const offCompare = subscribeCompareRun(() => {
    if (compareSubmitted()) leavingMidCompare = false;
    schedule();
  });
  const onHide = () => document.visibilityState === 'hidden' && timer && flush();
  // The page may be gone before an IndexedDB write completes: leave a synchronous copy.
  const onLeave = () => {
    if (isChatBusy(session)) leavingMidReply = true;
    if (compareBusy()) {
      leavingMidCompare = true;
      markComparisonCutOff();
    }
    if (!timer && savesInFlight === 0 && !leavingMidReply && !leavingMidCompare) return;
    if (hasContent(session)) writeRescue(pageStorage(), conversationFrom(session));
    flush();
  };
  const onShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    leavingMidReply = leavingMidCompare = false;
    clearComparisonCutOff();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('beforeunload', onLeave);
  window.addEventListener('pagehide', onLeave);
  window.addEventListener('pageshow', onShow);
  return () => {
    if (timer) flush();
    offMessages();
    offStatus();
    offSettings();
    offCompare();
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('beforeunload', onLeave);
    window.removeEventListener('pagehide', onLeave);
    window.removeEventListener('pageshow', onShow);
  };
}

let initialized = false;

/** Starts history once per page: loads the list, saves the open conversation, follows other tabs. */
export function initHistory(): void {
  if (initialized || typeof window === 'undefined') return;
  initialized = true;
  void refreshList();
  let unwatch = watch(getSession());
  subscribeSession(() => {
    unwatch();
    unwatch = watch(getSession());
  });
  if ('BroadcastChannel' in window) {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<HistoryEvent>) => void followOtherTab(event.data);
  }
}

async function followOtherTab(event: HistoryEvent): Promise<void> {
  await refreshList();
  const session = getSession();
  if (event.type !== 'saved' || event.id !== session.id) return;
  if (isBusy(session)) return;
  const saved = await (await store()).get(event.id);
  if (!saved) return;
  applyingRemote = true;
  try {
    session.title = saved.title;
    session.titleEdited = saved.titleEdited;
    const current = toStoredMessages(session.chat.messages, session.chat.status);
    if (JSON.stringify(current) !== JSON.stringify(saved.messages))
      session.chat.messages = fromStoredMessages(saved.messages);
    loadVersions(session.chat, saved.versions);
  } finally {
    applyingRemote = false;
  }
}

export type OpenResult = 'opened' | 'already-open' | 'missing';

/** Opens a saved conversation with its own settings. */
export async function openConversation(id: string, models: readonly string[]): Promise<OpenResult> {
  if (getSession().id === id) return 'already-open';
  const saved = await (await store()).get(id);
  if (!saved) return 'missing';
  replaceSession({
    id: saved.id,
    createdAt: saved.createdAt,
    title: saved.title,
    titleEdited: saved.titleEdited,
    messages: fromStoredMessages(saved.messages),
  });
  loadVersions(getSession().chat, saved.versions);
  settingsStore.set(fromConversationSettings(saved.settings, models));
  if (saved.compare) {
    // Compare mode's code loads only for a conversation that has a comparison under way.
    const { restoreCompare } = await loadCompareSession();
    if (getSession().id === saved.id) restoreCompare(saved.compare, models);
  }
  return 'opened';
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const session = getSession();
  if (session.id === id) {
    session.title = title;
    session.titleEdited = true;
  }
  const db = await store();
  const saved = await db.get(id);
  if (!saved) return;
  await db.put({ ...saved, title, titleEdited: true });
  await refreshList();
  broadcast({ type: 'saved', id });
}

/** Deletes a conversation and returns it, for undo. */
export async function deleteConversation(id: string): Promise<Conversation | undefined> {
  const db = await store();
  const saved = await db.get(id);
  await db.remove(id);
  forgetDraft(id);
  await refreshList();
  broadcast({ type: 'deleted', id });
  return saved;
}

export async function restoreConversations(conversations: Conversation[]): Promise<void> {
  try {
    await (await store()).putMany(conversations);
  } catch {
    fallBackToMemory();
  }
  await refreshList();
  conversations.forEach((c) => broadcast({ type: 'saved', id: c.id }));
}

export async function allConversations(): Promise<Conversation[]> {
  return (await store()).list();
}
