import {
  getSession,
  localeStore,
  replaceSession,
  subscribeSession,
  temporaryStore,
  type ChatSession,
  effectiveSystemPrompt,
  messageDocuments,
  messageText,
  settingsStore,
} from './chat-session';
import { draftFollowsOpening, forgetDraft } from './draft-session';
import { createStore } from './external-store';
import { CONVERSATION_VERSION, MAX_TITLE_CHARS, type Conversation } from '@/lib/client/storage/conversation';
import { titleFrom } from '@/lib/shared/history/title';
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

/** The empty list, one object: a list read empty is the list the server rendered (nothing renders again). */
export const NO_CONVERSATIONS: Conversation[] = [];
export const historyStore = createStore<HistoryState>({ conversations: NO_CONVERSATIONS, persistent: null });

const SAVE_THROTTLE_MS = 400;

/**
 * How long a streaming reply's saves wait for the next (throttled): 400 ms for a conversation of
 * up to 50 messages, then in proportion to its length, at most 5 s. Each save serialises and
 * writes the whole conversation on the main thread, so in a long one its share of each chunk
 * stays what it is in a short one (issue #35: at 500 messages, ten saves a reply cost 130 ms).
 * Nothing more is at risk: a page that is hidden or left mid-reply saves at once (onHide,
 * onLeave), and the reply is saved whole when it ends.
 */
export function saveThrottleMs(messageCount: number): number {
  return Math.min(5000, Math.max(SAVE_THROTTLE_MS, messageCount * 8));
}
const CHANNEL = 'swallow-chat:history';
type HistoryEvent = { type: 'saved' | 'deleted'; id: string };

let storePromise: Promise<ConversationStore> | null = null;
/**
 * True while a saved state is applied here (a conversation being opened, a change made in another
 * tab): it is not a change, so it must not be saved back (a rewrite would also make an old
 * conversation "today's" in the history).
 */
let applyingSaved = false;

/** Applies a saved state without saving it back. */
function applySaved<T>(apply: () => T): T {
  applyingSaved = true;
  try {
    return apply();
  } finally {
    applyingSaved = false;
  }
}
let channel: BroadcastChannel | null = null;

function store(): Promise<ConversationStore> {
  // Every read waits for a reply rescued from the previous page to be stored first.
  storePromise ??= openConversationStore().then(async (db) => {
    await restoreRescue(db, pageStorage()).catch(() => undefined);
    return db;
  });
  return storePromise;
}

/**
 * The open conversation's history entry, for useSyncExternalStore: null for a chat not saved yet
 * (a new chat), which is also what the server renders, so nothing shows it again after hydration.
 */
export const openEntryStore = {
  get: (): Conversation | null => historyStore.get().conversations.find((c) => c.id === getSession().id) ?? null,
  getServer: (): Conversation | null => null,
  subscribe(onChange: () => void): () => void {
    const offSession = subscribeSession(onChange);
    const offHistory = historyStore.subscribe(onChange);
    return () => {
      offSession();
      offHistory();
    };
  },
};

async function refreshList(): Promise<void> {
  const db = await store();
  const conversations = await db.list();
  historyStore.set({
    conversations: conversations.length > 0 ? conversations : NO_CONVERSATIONS,
    persistent: db.persistent,
  });
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

/** The open conversation as it is saved (and exported: a temporary chat's export uses it too). */
export function conversationFrom(session: ChatSession): Conversation {
  const { chat } = session;
  const messages = toStoredMessages(chat.messages, leavingMidReply ? 'streaming' : chat.status);
  const settings = settingsStore.get();
  const compare = storedCompareFor(session.id);
  const versions = versionTree(chat).stored(chat.messages);
  const keepTitle = session.titleEdited || (session.titleByModel && session.title);
  return {
    v: CONVERSATION_VERSION,
    id: session.id,
    title: keepTitle ? session.title : titleFrom(compare ? [...messages, compare.prompt] : messages),
    titleEdited: session.titleEdited,
    ...(session.titleByModel ? { titleByModel: true } : {}),
    ...(session.pinned ? { pinned: true } : {}),
    createdAt: session.createdAt,
    updatedAt: Date.now(),
    settings: toConversationSettings(settings, effectiveSystemPrompt(settings, localeStore.get())),
    messages,
    ...(versions.length > 0 ? { versions } : {}),
    ...(compare ? { compare } : {}),
  };
}

async function save(session: ChatSession): Promise<void> {
  if (!hasContent(session) || session.temporary) return;
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
  /** Saves now (the page is being hidden or left: the write must begin before it is gone). */
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void save(session);
  };
  /**
   * Saves in a task of its own, right after this one: the changes of one task (a message sent
   * and the status it starts) are saved once, and the save (which copies the whole
   * conversation) is not part of the task that sent it. At 500 messages, the two saves a send
   * made there were ~40 ms of a task over 50 ms (issue #35). A page left before it runs saves
   * at once (onLeave, onHide: the timer is pending).
   */
  const flushSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 0);
  };
  const schedule = () => {
    if (applyingSaved) return;
    // Throttled while tokens arrive; an edit, a deletion or a settings change is saved at once.
    if (!isBusy(session)) return flushSoon();
    timer ??= setTimeout(flush, saveThrottleMs(session.chat.messages.length));
  };
  let lastStatus = session.chat.status;
  const onStatus = () => {
    if (session.chat.status === 'submitted') leavingMidReply = false;
    flushSoon();
    if (lastStatus === 'streaming' && session.chat.status === 'ready') askForTitle(session);
    lastStatus = session.chat.status;
  };
  const offMessages = session.chat.subscribeMessages(schedule);
  const offStatus = session.chat.subscribeStatus(onStatus);
  const offSettings = settingsStore.subscribe(schedule);
  const offCompare = subscribeCompareRun(() => {
    if (compareSubmitted()) leavingMidCompare = false;
    schedule();
  });
  const onHide = () => document.visibilityState === 'hidden' && timer && flush();
  // A temporary chat is gone with the page: the browser asks once before a reply is discarded
  // (again only after a newer reply), nothing is written.
  let warnedReplies = 0;
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!session.temporary) return;
    const replies = session.chat.messages.filter((m) => m.role === 'assistant').length;
    if (replies <= warnedReplies) return;
    warnedReplies = replies;
    event.preventDefault();
  };
  // The page may be gone before an IndexedDB write completes: leave a synchronous copy.
  const onLeave = () => {
    if (session.temporary) return;
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
  window.addEventListener('beforeunload', onBeforeUnload);
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
    window.removeEventListener('beforeunload', onBeforeUnload);
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
  applySaved(() => {
    session.title = saved.title;
    session.titleEdited = saved.titleEdited;
    session.titleByModel = saved.titleByModel ?? false;
    session.pinned = saved.pinned ?? false;
    const current = toStoredMessages(session.chat.messages, session.chat.status);
    if (JSON.stringify(current) !== JSON.stringify(saved.messages))
      session.chat.messages = fromStoredMessages(saved.messages);
    loadVersions(session.chat, saved.versions);
  });
}

/** `superseded`: another conversation or a new chat was opened while this one was being read. */
export type OpenResult = 'opened' | 'already-open' | 'missing' | 'superseded';

/** The last call of openConversation: only the last one asked for opens. */
let lastOpen = 0;

/** Opens a saved conversation with its own settings. */
export async function openConversation(id: string, models: readonly string[]): Promise<OpenResult> {
  if (getSession().id === id) return 'already-open';
  const ticket = ++lastOpen;
  const from = getSession();
  draftFollowsOpening(id);
  let saved: Conversation | undefined;
  try {
    saved = await (await store()).get(id);
  } catch (error) {
    // Not read (its validation's chunk unreachable offline): what is typed goes where it did before.
    if (ticket === lastOpen) draftFollowsOpening(null);
    throw error;
  }
  // Read late (a reload's first open, under load): the visitor has since opened another
  // conversation or a new chat, and stays there.
  if (ticket !== lastOpen) return 'superseded';
  if (getSession() !== from) {
    draftFollowsOpening(null);
    return 'superseded';
  }
  if (!saved) {
    draftFollowsOpening(null);
    return 'missing';
  }
  // A saved conversation is not a temporary one: the mode ends (its conversation is left).
  applySaved(() => {
    temporaryStore.set(false);
    replaceSession({
      id: saved.id,
      createdAt: saved.createdAt,
      title: saved.title,
      titleEdited: saved.titleEdited,
      titleByModel: saved.titleByModel ?? false,
      pinned: saved.pinned ?? false,
      temporary: false,
      messages: fromStoredMessages(saved.messages),
    });
    loadVersions(getSession().chat, saved.versions);
    settingsStore.set(fromConversationSettings(saved.settings, models));
  });
  draftFollowsOpening(null);
  if (saved.compare) {
    // Compare mode's code loads only for a conversation that has a comparison under way.
    const { restoreCompare } = await loadCompareSession();
    if (getSession().id === saved.id) applySaved(() => restoreCompare(saved.compare!, models));
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

/** Pins a conversation to the top of the history, or unpins it; its place among the dates is kept. */
export async function pinConversation(id: string, pinned: boolean): Promise<void> {
  const session = getSession();
  if (session.id === id) session.pinned = pinned;
  const db = await store();
  const saved = await db.get(id);
  if (!saved) return;
  const { pinned: _was, ...rest } = saved;
  await db.put(pinned ? { ...rest, pinned: true } : rest);
  await refreshList();
  broadcast({ type: 'saved', id });
}

/**
 * Turns temporary chat on or off. On: an empty chat becomes temporary, an open saved
 * conversation is left for a new temporary one. Off: the temporary conversation is kept after
 * all (saved from now on, as any other), so nothing typed is lost by changing one's mind.
 */
export function setTemporaryChat(on: boolean): 'new' | 'same' {
  const session = getSession();
  temporaryStore.set(on);
  if (!on) {
    session.temporary = false;
    void save(session);
    return 'same';
  }
  if (!session.temporary && hasContent(session)) {
    replaceSession();
    return 'new';
  }
  session.temporary = true;
  return 'same';
}

// Titles by the model (issue #37) ----------------------------------------------------------

export const MODEL_TITLES_KEY = 'swallow-chat:model-titles:v1';
/** Whether the deployment allows model titles (PublicConfig.modelTitles), set by ChatApp. */
let modelTitlesAllowed = false;
export function setModelTitlesAllowed(allowed: boolean): void {
  modelTitlesAllowed = allowed;
}

function readModelTitlesPreference(): boolean {
  try {
    return typeof window === 'undefined' || window.localStorage.getItem(MODEL_TITLES_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** The user's setting: let the model title new conversations (on unless turned off). */
export const modelTitlesStore = createStore(true);
let preferenceRead = false;
export function hydrateModelTitles(): void {
  if (preferenceRead || typeof window === 'undefined') return;
  preferenceRead = true;
  modelTitlesStore.set(readModelTitlesPreference());
  modelTitlesStore.subscribe(() => {
    try {
      window.localStorage.setItem(MODEL_TITLES_KEY, modelTitlesStore.get() ? 'on' : 'off');
    } catch {
      // Blocked storage: the setting lasts for this page.
    }
  });
}

/** Conversations whose title was asked for on this page: one request each, whatever happens. */
const titlesAsked = new Set<string>();

/**
 * After the first reply of a conversation: asks its model for a title, once (POST
 * /api/chat?mode=title; the same gate and limits as a reply, one request). The first-line title
 * stays until it arrives and whenever it fails; a title the user renamed is never replaced.
 */
function askForTitle(session: ChatSession): void {
  if (!modelTitlesAllowed || !modelTitlesStore.get()) return;
  if (session.temporary || session.titleEdited || session.titleByModel || titlesAsked.has(session.id)) return;
  const { messages } = session.chat;
  const users = messages.filter((m) => m.role === 'user');
  const reply = messages.at(-1);
  if (users.length !== 1 || reply?.role !== 'assistant' || reply.metadata?.state === 'error') return;
  const answer = messageText(reply).trim();
  const question =
    messageText(users[0]).trim() ||
    messageDocuments(users[0])
      .map((d) => d.name)
      .join(', ');
  if (!answer || !question) return;
  titlesAsked.add(session.id);
  const body = {
    model: settingsStore.get().model,
    locale: localeStore.get(),
    messages: [
      { role: 'user', content: question.slice(0, 4_000) },
      { role: 'assistant', content: answer.slice(0, 4_000) },
    ],
  };
  void fetch('/api/chat?mode=title', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
    .then(async (response) => (response.ok ? ((await response.json()) as { title?: unknown }).title : undefined))
    .then((title) => {
      if (typeof title === 'string' && title.trim())
        return applyModelTitle(session, title.trim().slice(0, MAX_TITLE_CHARS));
    })
    .catch(() => undefined);
}

async function applyModelTitle(session: ChatSession, title: string): Promise<void> {
  if (getSession() === session) {
    if (session.titleEdited || session.temporary) return;
    session.title = title;
    session.titleByModel = true;
    return save(session);
  }
  // The conversation was left meanwhile: its stored copy gets the title, unless renamed.
  const db = await store();
  const saved = await db.get(session.id);
  if (!saved || saved.titleEdited) return;
  await db.put({ ...saved, title, titleByModel: true });
  await refreshList();
  broadcast({ type: 'saved', id: session.id });
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
