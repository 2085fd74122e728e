/** A colour as red, green, blue (0–255) and alpha (0–1). */
export type Rgba = readonly [number, number, number, number];

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an opaque colour. */
export function relativeLuminance([r, g, b]: Rgba): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** `top` painted over the opaque `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  const mix = (i: 0 | 1 | 2) => top[i] * a + bottom[i] * (1 - a);
  return [mix(0), mix(1), mix(2), 1];
}

/**
 * WCAG 2 contrast ratio (1–21) of text in `foreground` on `background`, a stack of layers from
 * the element down to an opaque one (the page): translucent layers are painted over those under them.
 */
export function contrastRatio(foreground: Rgba, background: readonly Rgba[]): number {
  const base = background.reduceRight<Rgba>((under, layer) => composite(layer, under), [255, 255, 255, 1]);
  const [l1, l2] = [relativeLuminance(composite(foreground, base)), relativeLuminance(base)].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** `#rgb` or `#rrggbb` as a colour. */
export function hexColor(hex: string): Rgba {
  const digits = hex.replace(/^#/, '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).concat(1) as unknown as Rgba;
}
