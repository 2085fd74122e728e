/**
 * The composer grows with its text up to a cap, then scrolls. CSS `field-sizing: content` does
 * that by itself (Chromium 123+, Safari 26.2+); elsewhere the height is set from scrollHeight on
 * each change. The cap is the element's CSS max-height either way.
 */
export function supportsFieldSizing(css: { supports?: (property: string, value: string) => boolean } | undefined) {
  return Boolean(css?.supports?.('field-sizing', 'content'));
}

interface Growable {
  scrollHeight: number;
  style: { height: string };
}

/** Sizes a textarea to its content (the CSS max-height caps it; beyond that it scrolls). */
export function fitToContent(el: Growable): void {
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight}px`;
}
