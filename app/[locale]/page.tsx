import { setRequestLocale } from 'next-intl/server';
import { connection } from 'next/server';
import { ChatPage } from '@/components/chat/ChatPage';
import { getServerConfig, toPublicConfig } from '@/lib/server/ai/upstream';
import { publicVoiceConfig } from '@/lib/server/speech/transcription';
import type { Locale } from '@/lib/shared/i18n/routing';

export default async function NewChatPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  // The endpoint is configured at run time (not build time), so read it per request.
  await connection();
  return <ChatPage config={toPublicConfig(getServerConfig())} voice={publicVoiceConfig()} />;
}
