/**
 * The app's icons and share card, drawn once and committed under public/ (served as they are,
 * at the paths lib/shared/meta/brand.ts names): the PNG icons of the manifest and the apple-touch
 * icon, the Open Graph card, and favicon.ico (16, 32 and 48 px PNG entries). Nothing is drawn
 * at build or request time. After changing the art (BrandArt.tsx, lib/shared/meta/brand.ts):
 *
 *   npx tsx tools/brand/icons.tsx          # writes the files
 *   npx tsx tools/brand/icons.tsx --check  # exit 1 if a committed file differs from the drawing
 *
 * icons.test.ts runs the check in `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImageResponse } from 'next/og';
import { FAVICON_SIZES, OG_IMAGE, PNG_ICONS } from '../../lib/shared/meta/brand';
import { IconArt, OgArt } from './BrandArt';
import { pngsToIco } from './ico';

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');

const png = async (art: React.ReactElement, width: number, height: number) =>
  new Uint8Array(await new ImageResponse(art, { width, height }).arrayBuffer());

/** Every file, by its path under public/, as the art draws it now. */
export async function drawBrandFiles(): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  files.set(OG_IMAGE.path.slice(1), await png(<OgArt />, OG_IMAGE.width, OG_IMAGE.height));
  for (const { path: url, size, shape } of Object.values(PNG_ICONS)) {
    files.set(url.slice(1), await png(<IconArt size={size} shape={shape} />, size, size));
  }
  const favicon = await Promise.all(
    FAVICON_SIZES.map(async (size) => ({ size, png: await png(<IconArt size={size} />, size, size) })),
  );
  files.set('favicon.ico', pngsToIco(favicon));
  return files;
}

/** The files whose committed bytes differ from the drawing (missing ones included). */
export async function staleBrandFiles(dir = PUBLIC_DIR): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, bytes] of await drawBrandFiles()) {
    let committed: Buffer | undefined;
    try {
      committed = readFileSync(path.join(dir, name));
    } catch {
      committed = undefined;
    }
    if (!committed?.equals(bytes)) stale.push(name);
  }
  return stale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const stale = await staleBrandFiles();
    if (stale.length) {
      console.error(`Out of date with the art (run npx tsx tools/brand/icons.tsx): ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log('icons and share card match the art');
  } else {
    for (const [name, bytes] of await drawBrandFiles()) {
      writeFileSync(path.join(PUBLIC_DIR, name), bytes);
      console.log(`public/${name}: ${bytes.byteLength} bytes`);
    }
  }
}
