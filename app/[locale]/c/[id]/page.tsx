import { Suspense } from 'react';
import { setRequestLocale } from 'next-intl/server';
import { connection } from 'next/server';
import { ChatApp } from '@/components/chat/ChatApp';
import { getServerConfig, toPublicConfig } from '@/lib/server/ai/upstream';
import { publicVoiceConfig } from '@/lib/server/speech/transcription';
import type { Locale } from '@/lib/shared/i18n/routing';

/** A saved conversation: its messages live in the browser (IndexedDB), so the page only passes the id. */
export default async function ConversationPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  // Hydrated after the page's shell, as on / (app/[locale]/page.tsx).
  return (
    <Suspense>
      <ChatApp config={toPublicConfig(getServerConfig())} voice={publicVoiceConfig()} conversationId={id} />
    </Suspense>
  );
}
