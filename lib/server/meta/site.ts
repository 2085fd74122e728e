/**
 * Where the site lives, for absolute Open Graph / Twitter image URLs (crawlers need them).
 * `SITE_URL` wins when set (http(s) origin, e.g. https://chat.example.com); otherwise the
 * request's own host, which is right on Vercel (its domains, custom ones included) and behind
 * a proxy that forwards Host, or sets X-Forwarded-Host/-Proto with TRUST_PROXY=1. Without either, Next.js falls back to
 * localhost, which no crawler can fetch.
 */
import type { Metadata } from 'next';
import { trustsProxy } from '@/lib/server/http/forwarded';
import type { Locale } from '@/lib/shared/i18n/routing';
import { OG_IMAGE } from '../../shared/meta/brand';

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function resolveSiteUrl(
  env: Record<string, string | undefined>,
  headers: { get(name: string): string | null },
): URL | undefined {
  const configured = env.SITE_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password)
        return new URL(url.origin);
    } catch {
      // fall through to the request's host
    }
  }
  // A client can send any X-Forwarded-Host: it names the site only when a proxy we trust wrote it.
  const forwarded = (name: string) => (trustsProxy(env) ? headers.get(name)?.split(',')[0].trim() : undefined);
  const host = forwarded('x-forwarded-host') ?? headers.get('host')?.trim();
  if (!host || !HOST.test(host)) return undefined;
  const proto = forwarded('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return new URL(`${proto}://${host}`);
}

/** The default share card, for pages that set their own Open Graph fields. */
export function defaultOpenGraph(locale: Locale): NonNullable<Metadata['openGraph']> {
  return {
    type: 'website',
    siteName: 'Swallow Chat',
    locale: locale === 'ja' ? 'ja_JP' : 'en_US',
    images: [
      { url: OG_IMAGE.path, width: OG_IMAGE.width, height: OG_IMAGE.height, alt: OG_IMAGE.alt, type: 'image/png' },
    ],
  };
}
