export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RenderThrottle {
  /** Something changed: render now, or at most `waitMs` after the last render. */
  notify(): void;
  cancel(): void;
}

/**
 * Throttles renders of a streaming reply to one every `waitMs`, except that a change of
 * `shape` (a new message, or the reply's first text) renders at once: the first characters
 * of a reply must not wait for the throttle window opened by the message before them.
 */
export function throttleRenders(
  render: () => void,
  waitMs: number,
  shape: () => string,
  clock: Clock = realClock,
): RenderThrottle {
  let last = -Infinity;
  let renderedShape: string | null = null;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = clock.now();
    renderedShape = shape();
    render();
  };
  return {
    notify() {
      if (shape() !== renderedShape || clock.now() - last >= waitMs) {
        if (timer !== null) clock.clearTimeout(timer);
        return run();
      }
      timer ??= clock.setTimeout(run, Math.max(0, last + waitMs - clock.now()));
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
