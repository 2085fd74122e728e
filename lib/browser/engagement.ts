/** What counts as the visitor starting to use the page: pointer, touch, wheel, focus, keys. */
export const ENGAGEMENT_EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'wheel', 'focusin', 'keydown'] as const;

/**
 * Runs `callback` once, the first time the visitor does something on the page (moves or presses
 * the pointer, touches, scrolls with the wheel, focuses a control or presses a key). Returns a
 * function that cancels it.
 */
export function onFirstEngagement(callback: () => void, target: EventTarget = window): () => void {
  let done = false;
  const stop = () => ENGAGEMENT_EVENTS.forEach((type) => target.removeEventListener(type, fire, { capture: true }));
  function fire() {
    if (done) return;
    done = true;
    stop();
    callback();
  }
  ENGAGEMENT_EVENTS.forEach((type) => target.addEventListener(type, fire, { capture: true, passive: true }));
  return () => {
    done = true;
    stop();
  };
}
