'use client';

import type { ChatHandle } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { useMemo, useSyncExternalStore } from 'react';

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

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RenderThrottle {
  /** Something changed: render now, or at most `waitMs` after the last render. */
  notify(): void;
  cancel(): void;
}

/**
 * Throttles renders of a streaming reply to one every `waitMs`, except that a change of
 * `shape` (a new message, or the reply's first text) renders at once: the first characters
 * of a reply must not wait for the throttle window opened by the message before them.
 */
export function throttleRenders(
  render: () => void,
  waitMs: number,
  shape: () => string,
  clock: Clock = realClock,
): RenderThrottle {
  let last = -Infinity;
  let renderedShape: string | null = null;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = clock.now();
    renderedShape = shape();
    render();
  };
  return {
    notify() {
      if (shape() !== renderedShape || clock.now() - last >= waitMs) {
        if (timer !== null) clock.clearTimeout(timer);
        return run();
      }
      timer ??= clock.setTimeout(run, Math.max(0, last + waitMs - clock.now()));
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * The chat's messages, status and error for rendering (what useChat returns, without its
 * request helpers). Streamed text renders at most every `throttleMs`; a new message, the
 * first characters of a reply and the end of a reply render at once.
 */
export function useChatState(chat: ChatHandle, throttleMs: number) {
  const source = useMemo(() => throttledMessages(chat, throttleMs), [chat, throttleMs]);
  const messages = useSyncExternalStore(source.subscribe, source.get, source.get);
  const status = useSyncExternalStore(
    chat.subscribeStatus,
    () => chat.status,
    () => chat.status,
  );
  const error = useSyncExternalStore(
    chat.subscribeError,
    () => chat.error,
    () => chat.error,
  );
  return { messages, status, error };
}
