'use client';

import { useMemo, useSyncExternalStore } from 'react';
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
 * with each keystroke (its documents' text can be megabytes).
 */
export function useMeter(messages: ChatMessage[], contextTokens: number, locale: Locale) {
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const attachments = useAttachments();
  const documents = useMemo(() => readyDocuments(attachments), [attachments]);
  const base = useMemo(
    () => meterInput(messages, settings, locale, '', documents, contextTokens),
    [messages, settings, locale, documents, contextTokens],
  );
  return useContextMeasure(base, draft);
}
