/**
 * Drawings for next/og (Satori): the app icon at any size and the default Open Graph card.
 * Satori lays out with flexbox only and renders inline SVG; text uses next/og's bundled Latin
 * font (Geist), so the card's text stays Latin. Drawn once by tools/brand/icons.tsx into the
 * committed files under public/; the app itself draws nothing.
 */
import {
  BRAND_BLUE,
  BRAND_BLUE_DARK,
  ICON_RADIUS,
  type IconShape,
  OG_SIZE,
  SWALLOW_PATH,
} from '@/lib/shared/meta/brand';

function Swallow({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64">
      <path fill="#ffffff" d={SWALLOW_PATH} />
    </svg>
  );
}

/** The icon: the swallow on the blue square, shaped as lib/shared/meta/brand.ts describes. */
export function IconArt({ size, shape = 'rounded' }: { size: number; shape?: IconShape }) {
  return (
    <div
      style={{
        width: size,
        height: size,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: BRAND_BLUE,
        borderRadius: shape === 'rounded' ? size * ICON_RADIUS : 0,
      }}
    >
      <Swallow size={shape === 'maskable' ? size * 0.7 : size} />
    </div>
  );
}

/** Example turns on the card, in the chat's own bubble shapes. */
function Bubble({ text, user }: { text: string; user: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignSelf: user ? 'flex-end' : 'flex-start',
        padding: '14px 22px',
        borderRadius: 22,
        fontSize: 28,
        color: user ? BRAND_BLUE_DARK : '#ffffff',
        background: user ? '#ffffff' : 'rgba(255,255,255,0.16)',
        border: user ? 'none' : '2px solid rgba(255,255,255,0.35)',
      }}
    >
      {text}
    </div>
  );
}

/** The default Open Graph / Twitter card, 1200×630. */
export function OgArt() {
  return (
    <div
      style={{
        width: OG_SIZE.width,
        height: OG_SIZE.height,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        color: '#ffffff',
        backgroundColor: BRAND_BLUE,
        backgroundImage: `linear-gradient(135deg, ${BRAND_BLUE} 0%, ${BRAND_BLUE_DARK} 100%)`,
        fontFamily: 'Geist',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 36 }}>
        <div style={{ display: 'flex', borderRadius: 40, border: '3px solid rgba(255,255,255,0.5)' }}>
          <IconArt size={176} />
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <div style={{ display: 'flex', fontSize: 92, letterSpacing: -2 }}>Swallow Chat</div>
          <div style={{ display: 'flex', fontSize: 40, opacity: 0.85 }}>Llama 3.1 Swallow, in your browser</div>
        </div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 14, width: 760, alignSelf: 'flex-end' }}>
        <Bubble user text="Summarise this in three lines, please." />
        <Bubble user={false} text="Japanese-first replies, streamed token by token." />
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 26, opacity: 0.8 }}>
        <div style={{ display: 'flex' }}>Japanese · English</div>
        <div style={{ display: 'flex' }}>8B · 70B Instruct</div>
      </div>
    </div>
  );
}
