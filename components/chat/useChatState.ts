'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { ChatHandle } from '@/lib/client/chat/lazy-chat';
import { throttledMessages } from '@/lib/client/chat/throttled-messages';

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
