import { setRequestLocale } from 'next-intl/server';
import { connection } from 'next/server';
import { ChatPage } from '@/components/chat/ChatPage';
import { getServerConfig, toPublicConfig } from '@/lib/server/ai/upstream';
import { publicVoiceConfig } from '@/lib/server/speech/transcription';
import type { Locale } from '@/lib/shared/i18n/routing';

/** A saved conversation: its messages live in the browser (IndexedDB), so the page only passes the id. */
export default async function ConversationPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  return <ChatPage config={toPublicConfig(getServerConfig())} voice={publicVoiceConfig()} conversationId={id} />;
}
