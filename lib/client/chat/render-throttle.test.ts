import { describe, expect, it } from 'vitest';
import { throttleRenders, type Clock } from '../../../components/chat/useChatState';

function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      now = due[1].at;
      timers.delete(due[0]);
      due[1].fn();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.size };
}

describe('throttleRenders', () => {
  it('renders the first change at once, then at most every waitMs, and always the latest', () => {
    const { clock, advance } = fakeClock();
    const renders: number[] = [];
    const throttle = throttleRenders(
      () => renders.push(clock.now()),
      50,
      () => 'same',
      clock,
    );
    throttle.notify();
    expect(renders).toEqual([0]);
    advance(10);
    throttle.notify();
    advance(10);
    throttle.notify();
    expect(renders).toEqual([0]);
    advance(30);
    expect(renders).toEqual([0, 50]);
    advance(100);
    expect(renders).toEqual([0, 50]); // nothing new: no render
    throttle.notify();
    expect(renders).toEqual([0, 50, 150]);
  });

  it('renders a change of shape (first text of a reply) at once, inside the throttle window', () => {
    const { clock, advance, pending } = fakeClock();
    let shape = 'user:1';
    const renders: string[] = [];
    const throttle = throttleRenders(
      () => renders.push(`${clock.now()} ${shape}`),
      50,
      () => shape,
      clock,
    );
    throttle.notify(); // the user's message
    advance(5);
    shape = 'assistant:empty';
    throttle.notify(); // the reply starts, no text yet
    advance(5);
    throttle.notify(); // (no change of shape: waits)
    advance(5);
    shape = 'assistant:text';
    throttle.notify(); // its first characters
    expect(renders).toEqual(['0 user:1', '5 assistant:empty', '15 assistant:text']);
    expect(pending()).toBe(0); // the waiting render was folded into this one
  });

  it('cancel drops a pending render', () => {
    const { clock, advance } = fakeClock();
    const renders: number[] = [];
    const throttle = throttleRenders(
      () => renders.push(clock.now()),
      50,
      () => 'same',
      clock,
    );
    throttle.notify();
    advance(1);
    throttle.notify();
    throttle.cancel();
    advance(100);
    expect(renders).toEqual([0]);
  });
});
