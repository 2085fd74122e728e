/** What counts as the visitor starting to use the page: pointer, touch, wheel, focus, keys. */
export const ENGAGEMENT_EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'wheel', 'focusin', 'keydown'] as const;

/**
 * Runs `callback` in a task of its own, right after the current one: the browser can handle input
 * and paint in between. For start-up work that would otherwise lengthen the task React runs the
 * page's first effects in (issue #35 item 5). Returns a function that cancels it.
 */
export function inOwnTask(callback: () => void): () => void {
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}

/**
 * Runs `callback` once the page has loaded and then been idle for a while (`delayMs` after the
 * load event, at the next idle moment): for work the page needs without waiting for the visitor
 * to do something. Returns a function that cancels it.
 */
export function afterLoadAndIdle(callback: () => void, delayMs = 1500): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(callback, { timeout: 3000 });
      else callback();
    }, delayMs);
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    window.removeEventListener('load', schedule);
    clearTimeout(timer);
    if (idle !== undefined) window.cancelIdleCallback?.(idle);
  };
}

/**
 * Runs `callback` once, the first time the visitor does something on the page (moves or presses
 * the pointer, touches, scrolls with the wheel, focuses a control or presses a key; `events` for
 * more). Listened for in the capture phase, so it runs before the page's own handlers of that
 * event. Returns a function that cancels it.
 */
export function onFirstEngagement(
  callback: () => void,
  target: EventTarget = window,
  events: readonly string[] = ENGAGEMENT_EVENTS,
): () => void {
  let done = false;
  const stop = () => events.forEach((type) => target.removeEventListener(type, fire, { capture: true }));
  function fire() {
    if (done) return;
    done = true;
    stop();
    callback();
  }
  events.forEach((type) => target.addEventListener(type, fire, { capture: true, passive: true }));
  return () => {
    done = true;
    stop();
  };
}
