import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ChatPage } from '@/components/chat/ChatPage';
import { ShareErrorNotice } from '@/components/share/ShareNotices';
import { SharePreview } from '@/components/share/SharePreview';
import { getServerConfig, toPublicConfig } from '@/lib/server/ai/upstream';
import { publicVoiceConfig } from '@/lib/server/speech/transcription';
import type { Locale } from '@/lib/shared/i18n/routing';
import { defaultOpenGraph } from '@/lib/server/meta/site';
import { decodeShare, type ShareDecodeResult } from '@/lib/shared/share/codec';

interface SharePageProps {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ p?: string | string[] }>;
}

async function decodeFrom(searchParams: SharePageProps['searchParams']): Promise<ShareDecodeResult | null> {
  const { p } = await searchParams;
  return typeof p === 'string' && p ? decodeShare(p) : null;
}

export async function generateMetadata({ params, searchParams }: SharePageProps): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: 'share' });
  const decoded = await decodeFrom(searchParams);
  if (!decoded?.ok) return { title: `${t('errors.title')} | Swallow Chat`, robots: { index: false } };
  const title = `${decoded.payload.name ?? t('untitled')} | Swallow Chat`;
  const prompt = decoded.payload.systemPrompt.replace(/\s+/g, ' ');
  const description = t('metaDescription', { prompt: prompt.length > 140 ? `${prompt.slice(0, 139)}…` : prompt });
  return {
    title,
    description,
    robots: { index: false },
    // The shared setup's own title and description on our default card (the image is ours).
    openGraph: { ...defaultOpenGraph(locale as Locale), title, description },
    twitter: { card: 'summary_large_image', title, description },
  };
}

export default async function SharePage({ params, searchParams }: SharePageProps) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  const config = toPublicConfig(getServerConfig());
  const decoded = await decodeFrom(searchParams);
  if (decoded?.ok) return <SharePreview payload={decoded.payload} config={config} />;
  return (
    <ChatPage
      config={config}
      voice={publicVoiceConfig()}
      banner={<ShareErrorNotice code={decoded ? decoded.error : 'missing'} />}
    />
  );
}
