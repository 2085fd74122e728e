import { describe, expect, it, vi } from 'vitest';
import { ENGAGEMENT_EVENTS, inOwnTask, onFirstEngagement } from './engagement';

describe('onFirstEngagement', () => {
  it.each(ENGAGEMENT_EVENTS)('runs once on the first %s, and not on later events', (type) => {
    const target = new EventTarget();
    const callback = vi.fn();
    onFirstEngagement(callback, target);
    expect(callback).not.toHaveBeenCalled();
    target.dispatchEvent(new Event(type));
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointermove'));
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('ignores events that are not the visitor doing something', () => {
    const target = new EventTarget();
    const callback = vi.fn();
    onFirstEngagement(callback, target);
    for (const type of ['load', 'scroll', 'visibilitychange', 'resize']) target.dispatchEvent(new Event(type));
    expect(callback).not.toHaveBeenCalled();
  });

  it('does nothing once cancelled', () => {
    const target = new EventTarget();
    const callback = vi.fn();
    const cancel = onFirstEngagement(callback, target);
    cancel();
    target.dispatchEvent(new Event('pointerdown'));
    expect(callback).not.toHaveBeenCalled();
  });

  it('listens for the events it is given instead', () => {
    const target = new EventTarget();
    const callback = vi.fn();
    onFirstEngagement(callback, target, ['change']);
    target.dispatchEvent(new Event('pointerdown'));
    expect(callback).not.toHaveBeenCalled();
    target.dispatchEvent(new Event('change'));
    target.dispatchEvent(new Event('change'));
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('inOwnTask', () => {
  it('runs after the current task and its microtasks, not within them', async () => {
    vi.useFakeTimers();
    try {
      const order: string[] = [];
      inOwnTask(() => order.push('own task'));
      await Promise.resolve().then(() => order.push('microtask'));
      order.push('current task');
      expect(order).toEqual(['microtask', 'current task']);
      vi.runAllTimers();
      expect(order).toEqual(['microtask', 'current task', 'own task']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not run once cancelled', () => {
    vi.useFakeTimers();
    try {
      const callback = vi.fn();
      inOwnTask(callback)();
      vi.runAllTimers();
      expect(callback).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
