import type { MetadataRoute } from 'next';
import { PNG_ICONS } from '@/lib/shared/meta/brand';
import ja from '@/messages/ja.json';

const png = (icon: (typeof PNG_ICONS)[keyof typeof PNG_ICONS]) => ({
  src: icon.path,
  sizes: `${icon.size}x${icon.size}`,
  type: 'image/png',
  purpose: icon.shape === 'maskable' ? ('maskable' as const) : ('any' as const),
});

/** The web app manifest. Japanese is the default locale, so the description is the Japanese one. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Swallow Chat',
    short_name: 'Swallow',
    description: ja.meta.description,
    lang: 'ja',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#2359bd',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      png(PNG_ICONS.icon192),
      png(PNG_ICONS.icon512),
      png(PNG_ICONS.maskable512),
    ],
  };
}
