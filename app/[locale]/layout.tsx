import type { Metadata, Viewport } from 'next';
import { hasLocale, NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { CLIENT_NAMESPACES, pickMessages } from '@/lib/server/i18n/client-messages';
import { routing } from '@/lib/shared/i18n/routing';
import { ThemeSync } from '@/components/ui/ThemeSync';
import { AppUpdate } from '@/components/app/AppUpdate';
import { nonceFromCsp, THEME_SCRIPT } from '@/lib/shared/ui/theme';
import { SETTINGS_PANEL_SCRIPT } from '@/lib/shared/ui/settings-panel';
import { PNG_ICONS } from '@/lib/shared/meta/brand';
import { defaultOpenGraph, resolveSiteUrl } from '@/lib/server/meta/site';
import '../globals.css';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'meta' });
  return {
    // Absolute URLs for the share image; pages render per request, so the host is known.
    metadataBase: resolveSiteUrl(process.env, await headers()),
    title: t('title'),
    description: t('description'),
    // Listed here, so icon.svg too (metadata icons replace the file-convention link). The ICO
    // says 32x32 so Chrome picks the SVG over it.
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '32x32' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: [{ url: PNG_ICONS.appleTouch.path, sizes: '180x180', type: 'image/png' }],
    },
    openGraph: { ...defaultOpenGraph(locale), title: t('title'), description: t('description') },
    twitter: { card: 'summary_large_image' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // The page shrinks above the on-screen keyboard (the composer stays in view), and reaches under
  // notches and home indicators, whose insets the header and composer pad (env(safe-area-inset-*)).
  interactiveWidget: 'resizes-content',
  viewportFit: 'cover',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Only what client components render: every message given here is inlined into each page.
  const messages = pickMessages(await getMessages(), CLIENT_NAMESPACES);
  // The proxy's per-request nonce: the theme script runs under the page's CSP like Next's own.
  const nonce = nonceFromCsp((await headers()).get('content-security-policy'));
  return (
    // The head script sets data-theme (and data-settings-panel) on <html> before React hydrates it.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT + SETTINGS_PANEL_SCRIPT }} />
      </head>
      <body>
        <ThemeSync key={locale} />
        <NextIntlClientProvider messages={messages}>
          {children}
          <AppUpdate />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
