'use client';

import { useSyncExternalStore } from 'react';
import { useAttachments } from '@/components/attachments/AttachmentTray';
import { readyDocuments } from '@/lib/attachments/pending';
import { draftStore } from '@/lib/chat/chat-session';
import { settingsStore } from '@/lib/chat/settings-store';
import type { ChatMessage } from '@/lib/chat/types';
import type { Locale } from '@/lib/i18n/routing';
import { meterInput } from '@/lib/context/meter-input';
import { useContextMeasure } from './useContextMeasure';

/** The context meter's figures for the request the send button would make now. */
export function useMeter(messages: ChatMessage[], contextTokens: number, locale: Locale) {
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const documents = readyDocuments(useAttachments());
  return useContextMeasure(meterInput(messages, settings, locale, draft, documents, contextTokens));
}
