/**
 * The brand mark shared by every icon and the Open Graph image: a white swallow on our blue
 * rounded square. app/icon.svg draws the same path (a unit test keeps them in step).
 */
export const BRAND_BLUE = '#2359bd';
export const BRAND_BLUE_DARK = '#173c85';
/** The swallow, in a 64×64 box. */
export const SWALLOW_PATH =
  'M7 20c12 1 21 8 25 17 4-9 13-16 25-17-9 6-15 14-19 24l4 12-10-7-10 7 4-12C22 34 16 26 7 20z';
/** Corner radius of the square, as a fraction of its side (14 of 64 in icon.svg). */
export const ICON_RADIUS = 14 / 64;

export const OG_SIZE = { width: 1200, height: 630 } as const;

/**
 * How an icon fills its square: `rounded` is icon.svg (transparent corners); `square` fills it
 * edge to edge for platforms that cut their own corners (iOS draws transparent corners black);
 * `maskable` also fills it and shrinks the swallow into the central safe zone (a circle of 40 %
 * of the side), since Android may cut any shape.
 */
export type IconShape = 'rounded' | 'square' | 'maskable';

/** PNG icons: static files under public/, drawn once by tools/brand/icons.tsx and committed. */
export const PNG_ICONS = {
  appleTouch: { path: '/apple-touch-icon.png', size: 180, shape: 'square' },
  icon192: { path: '/icon-192.png', size: 192, shape: 'rounded' },
  icon512: { path: '/icon-512.png', size: 512, shape: 'rounded' },
  maskable512: { path: '/icon-maskable-512.png', size: 512, shape: 'maskable' },
} as const satisfies Record<string, { path: string; size: number; shape: IconShape }>;

export const OG_IMAGE = { path: '/og.png', ...OG_SIZE, alt: 'Swallow Chat — Llama 3.1 Swallow' } as const;

/** Sizes inside favicon.ico (PNG-compressed entries, as every current browser reads). */
export const FAVICON_SIZES = [16, 32, 48] as const;
