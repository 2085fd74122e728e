import type { Locale } from '@/lib/shared/i18n/routing';
import { newConversationId } from '@/lib/client/storage/conversation';
import { chatRuntimeSource } from './lazy-chat';
import { createStore } from './external-store';
import { LazyChat, newMessageId, type ChatHandle } from './lazy-chat';
import { withFailure } from './request-body';
import { toChatRequestBody } from './request-body';
import { settingsStore } from './settings-store';
import type { ChatMessage } from './types';

/**
 * The open conversation lives at module level, outside the React tree, so switching the
 * locale (which remounts the [locale] layout) keeps the messages, a reply still
 * streaming, and the draft.
 */
export const localeStore = createStore<Locale>('ja');
export const draftStore = createStore('');
/**
 * Temporary chat (issue #37): while on, new conversations are never saved (history, IndexedDB,
 * the rescue copy, drafts) and are gone on reload. Not remembered: a reload starts with it off.
 */
export const temporaryStore = createStore(false);

export interface ChatSession {
  /** The AI SDK's chat once its code has loaded, a stand-in holding the same state until then. */
  chat: ChatHandle;
  /** Also the conversation's id in history and in its URL (/[locale]/c/[id]). */
  id: string;
  createdAt: number;
  title: string;
  titleEdited: boolean;
  /** The title was written by the model: saves keep it (a rename still wins). */
  titleByModel: boolean;
  pinned: boolean;
  /** A temporary chat's conversation: never saved. */
  temporary: boolean;
}

function createSession(init: Partial<Omit<ChatSession, 'chat'>> & { messages?: ChatMessage[] } = {}): ChatSession {
  const id = init.id ?? newConversationId();
  const chat = new LazyChat(
    {
      id,
      messages: init.messages ?? [],
      requestBody: (messages) => toChatRequestBody(messages, settingsStore.get(), localeStore.get()),
      // A stream that ended without the server's finish (cut off mid-reply) says so.
      onFinish: ({ isAbort, isError, finishReason }) => {
        if (!isAbort && !isError && finishReason === undefined)
          queueMicrotask(() => markLastReply('interrupted', chat));
      },
    },
    chatRuntimeSource,
  );
  // A failed turn's error is kept on its reply (shown there, saved with it).
  chat.subscribeStatus(() => {
    if (chat.status !== 'error') return;
    queueMicrotask(() => {
      if (chat.status !== 'error' || !chat.error) return;
      const messages = withFailure(chat.messages, chat.error, newMessageId);
      if (messages) chat.messages = messages;
    });
  });
  return {
    chat,
    id,
    createdAt: init.createdAt ?? Date.now(),
    title: init.title ?? '',
    titleEdited: init.titleEdited ?? false,
    titleByModel: init.titleByModel ?? false,
    pinned: init.pinned ?? false,
    temporary: init.temporary ?? temporaryStore.get(),
  };
}

const sessionStore = createStore<ChatSession | null>(null);

export function getSession(): ChatSession {
  const current = sessionStore.get();
  if (current) return current;
  const created = createSession();
  sessionStore.set(created);
  return created;
}

export const getChat = () => getSession().chat;
export const subscribeSession = sessionStore.subscribe;

/** Replaces the open conversation (the reply being streamed, if any, is stopped). */
export function replaceSession(init?: Parameters<typeof createSession>[0]): ChatSession {
  void sessionStore.get()?.chat.stop();
  const session = createSession(init);
  sessionStore.set(session);
  return session;
}

export function startNewChat(): void {
  replaceSession();
}

/** Marks how the last reply ended, so it is shown (and saved) as stopped. */
export function markLastReply(
  state: NonNullable<ChatMessage['metadata']>['state'],
  chat: ChatHandle = getChat(),
): void {
  const last = chat.messages.at(-1);
  if (last?.role !== 'assistant') return;
  chat.messages = [...chat.messages.slice(0, -1), { ...last, metadata: { ...last.metadata, state } }];
}
