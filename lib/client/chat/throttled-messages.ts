import type { ChatHandle } from './lazy-chat';
import { throttleRenders, type Clock } from './render-throttle';
import type { ChatMessage } from './types';

/** Changes that render at once: a new message, or the first text of the last one. */
export function messagesShape(messages: ChatMessage[]): string {
  const last = messages.at(-1);
  const hasText = last?.parts.some((part) => part.type === 'text' && part.text.length > 0) ?? false;
  return `${messages.length}:${last?.id ?? ''}:${hasText}`;
}

export interface MessagesSource {
  get(): ChatMessage[];
  subscribe(update: () => void): () => void;
}

/**
 * The chat's messages as an external store for useSyncExternalStore. Streamed text is passed
 * on at most every `throttleMs`; a new message, the first characters of a reply and the end of
 * a reply at once.
 */
export function throttledMessages(chat: ChatHandle, throttleMs: number, clock?: Clock): MessagesSource {
  let messages = chat.messages;
  return {
    get: () => messages,
    subscribe(update) {
      const refresh = () => {
        messages = chat.messages;
        update();
      };
      const throttle = throttleRenders(refresh, throttleMs, () => messagesShape(chat.messages), clock);
      const offMessages = chat.subscribeMessages(throttle.notify);
      const offStatus = chat.subscribeStatus(() => {
        if (chat.status !== 'ready' && chat.status !== 'error') return;
        throttle.cancel();
        refresh();
      });
      if (messages !== chat.messages) refresh();
      return () => {
        throttle.cancel();
        offMessages();
        offStatus();
      };
    },
  };
}
