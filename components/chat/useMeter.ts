'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import { useAttachments } from '@/components/attachments/AttachmentTray';
import { readyDocuments } from '@/lib/client/attachments/pending';
import { draftStore, settingsStore } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';
import { meterInput } from '@/lib/client/context/meter-input';
import { useContextMeasure } from './useContextMeasure';

/**
 * The context meter's figures for the request the send button would make now. The request
 * without the draft is rebuilt only when the conversation, settings or attachments change, not
 * with each keystroke (its documents' text can be megabytes). While a reply streams (`streaming`)
 * the meter keeps the conversation as it was when the reply began and counts again once it ends:
 * nothing can be sent meanwhile, and counting the whole conversation with every chunk cost the
 * page O(conversation) per chunk (a 500-message one: its request rebuilt and its 128,000
 * characters posted to the token worker, which tokenized them again and again; issue #35).
 */
export function useMeter(messages: ChatMessage[], contextTokens: number, locale: Locale, streaming = false) {
  const [held, setHeld] = useState(messages);
  if (!streaming && held !== messages) setHeld(messages);
  const counted = streaming ? held : messages;
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const attachments = useAttachments();
  const documents = useMemo(() => readyDocuments(attachments), [attachments]);
  const base = useMemo(
    () => meterInput(counted, settings, locale, '', documents, contextTokens),
    [counted, settings, locale, documents, contextTokens],
  );
  return useContextMeasure(base, draft);
}
