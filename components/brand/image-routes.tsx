/**
 * Response builders for the image routes under app/ (og.png, the PNG icons, favicon.ico).
 * Each route is force-static, so these run once at build time and the files are served as
 * prerendered assets; nothing is drawn per request and nothing needs the network.
 */
import { ImageResponse } from 'next/og';
import { FAVICON_SIZES, OG_IMAGE, PNG_ICONS } from '@/lib/shared/meta/brand';
import { pngsToIco } from '@/lib/meta/ico';
import { IconArt, OgArt } from './BrandArt';

const CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

export function ogImageResponse(): Response {
  return new ImageResponse(<OgArt />, {
    width: OG_IMAGE.width,
    height: OG_IMAGE.height,
    headers: { 'Cache-Control': CACHE },
  });
}

export function iconResponse(name: keyof typeof PNG_ICONS): Response {
  const { size, shape } = PNG_ICONS[name];
  return new ImageResponse(<IconArt size={size} shape={shape} />, {
    width: size,
    height: size,
    headers: { 'Cache-Control': CACHE },
  });
}

export async function faviconResponse(): Promise<Response> {
  const images = await Promise.all(
    FAVICON_SIZES.map(async (size) => {
      const png = new Uint8Array(
        await new ImageResponse(<IconArt size={size} />, { width: size, height: size }).arrayBuffer(),
      );
      return { size, png };
    }),
  );
  const ico = pngsToIco(images);
  return new Response(ico.buffer as ArrayBuffer, {
    headers: { 'Content-Type': 'image/x-icon', 'Cache-Control': CACHE },
  });
}
