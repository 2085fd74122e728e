/**
 * Calls `onNear` once, when `element` comes within a screen's height of the view. Returns a
 * function that stops waiting.
 *
 * Checked when something scrolls (any scroller: one capturing listener) or the window resizes,
 * at most once per frame, and once after registering: not on every frame. One
 * IntersectionObserver per old message cost ~2 ms of every frame, every keystroke included, in a
 * 500-message conversation (issue #35): the browser computes each observed element's
 * intersection whenever it renders. Reading the positions of waiting elements on a scroll frame
 * costs microseconds each, and nothing while the page does not scroll.
 *
 * `outer`: a box around `element` that is read first; while it is far, `element` is not read.
 * Reading the position of something inside a skipped `content-visibility: auto` box would lay
 * that box out.
 */
export function whenNearView(element: Element, onNear: () => void, outer?: Element | null): () => void {
  waiting.set(element, { onNear, outer: outer ?? undefined });
  listen();
  schedule();
  return () => {
    waiting.delete(element);
    if (waiting.size === 0) unlisten();
  };
}

const waiting = new Map<Element, { onNear: () => void; outer?: Element }>();
let frame: number | null = null;
let listening = false;

function check(): void {
  frame = null;
  const height = window.innerHeight;
  const near: (() => void)[] = [];
  const isNear = (box: Element) => {
    const { top, bottom } = box.getBoundingClientRect();
    return bottom >= -height && top <= 2 * height;
  };
  const outerNear = new Map<Element, boolean>();
  for (const [element, { onNear, outer }] of waiting) {
    if (outer) {
      let near = outerNear.get(outer);
      if (near === undefined) outerNear.set(outer, (near = isNear(outer)));
      if (!near) continue;
    }
    if (isNear(element)) {
      waiting.delete(element);
      near.push(onNear);
    }
  }
  if (waiting.size === 0) unlisten();
  near.forEach((onNear) => onNear());
}

function schedule(): void {
  frame ??= requestAnimationFrame(check);
}

function listen(): void {
  if (listening) return;
  listening = true;
  // Scroll events do not bubble; a capturing listener on the document hears every scroller's.
  document.addEventListener('scroll', schedule, { capture: true, passive: true });
  window.addEventListener('resize', schedule, { passive: true });
}

function unlisten(): void {
  if (!listening) return;
  listening = false;
  document.removeEventListener('scroll', schedule, { capture: true });
  window.removeEventListener('resize', schedule);
  if (frame !== null) cancelAnimationFrame(frame);
  frame = null;
}
