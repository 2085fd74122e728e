import { Chat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import type { Locale } from '@/lib/i18n/routing';
import { createStore } from './external-store';
import { toChatRequestBody } from './request-body';
import { settingsStore } from './settings-store';
import type { ChatMessage } from './types';

/**
 * The conversation lives at module level, outside the React tree, so switching the
 * locale (which remounts the [locale] layout) keeps the messages, a reply still
 * streaming, and the draft.
 */
export const localeStore = createStore<Locale>('ja');
export const draftStore = createStore('');
/** Ids of assistant replies the user stopped before the end. */
export const stoppedStore = createStore<ReadonlySet<string>>(new Set());

function createChat(): Chat<ChatMessage> {
  return new Chat<ChatMessage>({
    transport: new DefaultChatTransport<ChatMessage>({
      api: '/api/chat',
      prepareSendMessagesRequest: ({ messages }) => ({
        body: toChatRequestBody(messages, settingsStore.get(), localeStore.get()),
      }),
    }),
  });
}

const chatStore = createStore<Chat<ChatMessage> | null>(null);

export function getChat(): Chat<ChatMessage> {
  const current = chatStore.get();
  if (current) return current;
  const created = createChat();
  chatStore.set(created);
  return created;
}

export const subscribeChat = chatStore.subscribe;

export function startNewChat(): void {
  void chatStore.get()?.stop();
  stoppedStore.set(new Set());
  chatStore.set(createChat());
}
