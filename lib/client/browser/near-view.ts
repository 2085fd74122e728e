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
 */
export function whenNearView(element: Element, onNear: () => void): () => void {
  waiting.set(element, onNear);
  listen();
  schedule();
  return () => {
    waiting.delete(element);
    if (waiting.size === 0) unlisten();
  };
}

const waiting = new Map<Element, () => void>();
let frame: number | null = null;
let listening = false;

function check(): void {
  frame = null;
  const height = window.innerHeight;
  const near: (() => void)[] = [];
  for (const [element, onNear] of waiting) {
    const { top, bottom } = element.getBoundingClientRect();
    if (bottom >= -height && top <= 2 * height) {
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
