import type { MetadataRoute } from 'next';
import ja from '@/messages/ja.json';

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
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}
