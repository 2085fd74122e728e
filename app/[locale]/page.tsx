import { Suspense } from 'react';
import { setRequestLocale } from 'next-intl/server';
import { connection } from 'next/server';
import { ChatApp } from '@/components/chat/ChatApp';
import { getServerConfig, toPublicConfig } from '@/lib/server/ai/upstream';
import { publicVoiceConfig } from '@/lib/server/speech/transcription';
import type { Locale } from '@/lib/shared/i18n/routing';

export default async function ChatPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  // The endpoint is configured at run time (not build time), so read it per request.
  await connection();
  // Its own Suspense boundary: React hydrates the page's shell first, then the chat, as separate
  // pieces of work (docs/performance.md, "First load").
  return (
    <Suspense>
      <ChatApp config={toPublicConfig(getServerConfig())} voice={publicVoiceConfig()} />
    </Suspense>
  );
}
