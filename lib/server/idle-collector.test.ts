import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleCollector, exposedGc } from './idle-collector';

const MB = 1024 * 1024;

function setup({ growthMb = 100, idleMs = 1000 } = {}) {
  let memory = 50 * MB;
  const collect = vi.fn(() => {
    memory = 50 * MB;
  });
  const collector = createIdleCollector({ collect, memoryUsed: () => memory, idleMs, minGrowthBytes: 32 * MB });
  return { collector, collect, grow: (mb = growthMb) => (memory += mb * MB) };
}

describe('createIdleCollector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects once the last reply has ended and the server stayed idle', () => {
    const { collector, collect, grow } = setup();
    const ends = [collector.begin(), collector.begin()];
    grow();
    ends[0]();
    vi.advanceTimersByTime(5000);
    expect(collect).not.toHaveBeenCalled();
    ends[1]();
    vi.advanceTimersByTime(999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(collector.collections).toBe(1);
  });

  it('does not collect when a new reply starts within the idle time', () => {
    const { collector, collect, grow } = setup();
    grow();
    collector.begin()();
    vi.advanceTimersByTime(500);
    const end = collector.begin();
    vi.advanceTimersByTime(5000);
    expect(collect).not.toHaveBeenCalled();
    end();
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('leaves memory that grew little alone', () => {
    const { collector, collect, grow } = setup();
    grow(10);
    collector.begin()();
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
  });

  it('measures growth from the memory left by the last collection', () => {
    const { collector, collect, grow } = setup();
    grow(100);
    collector.begin()();
    vi.advanceTimersByTime(1000);
    grow(10);
    collector.begin()();
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('counts a reply once when its end is reported twice', () => {
    const { collector, collect, grow } = setup();
    const first = collector.begin();
    const second = collector.begin();
    grow();
    first();
    first();
    vi.advanceTimersByTime(2000);
    expect(collect).not.toHaveBeenCalled();
    second();
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('does nothing where the runtime offers no collection', () => {
    const collector = createIdleCollector({ collect: null, memoryUsed: () => 500 * MB });
    collector.begin()();
    vi.advanceTimersByTime(10_000);
    expect(collector.collections).toBe(0);
  });
});

describe('exposedGc', () => {
  // The unit tests run with --expose-gc (vitest.config.ts), as an operator would start the server.
  it('returns a collection that frees unreachable memory when Node was started with --expose-gc', async () => {
    const collect = exposedGc();
    expect(collect).toBeTypeOf('function');
    const weak = new WeakRef(Array.from({ length: 200 }, () => Array.from({ length: 5000 }, (_, i) => i)));
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect?.();
    expect(weak.deref()).toBeUndefined();
  });

  it('is null when Node was started without it', () => {
    expect(exposedGc({})).toBeNull();
  });
});
