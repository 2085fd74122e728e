import { describe, expect, it } from 'vitest';
import { msUntilNextSecond, retryWaitSeconds, secondsLeft } from './ChatErrorNotice';

describe('retryWaitSeconds', () => {
  it('is the wait the error carries, in whole seconds, when there is one', () => {
    expect(retryWaitSeconds({ retryAfterSeconds: 17 })).toBe(17);
    expect(retryWaitSeconds({ retryAfterSeconds: 2.2 })).toBe(3);
  });

  it('is undefined without a wait, for 0, or for nonsense', () => {
    expect(retryWaitSeconds({})).toBeUndefined();
    expect(retryWaitSeconds({ retryAfterSeconds: 0 })).toBeUndefined();
    expect(retryWaitSeconds({ retryAfterSeconds: -3 })).toBeUndefined();
    expect(retryWaitSeconds({ retryAfterSeconds: Number.NaN })).toBeUndefined();
    expect(retryWaitSeconds({ retryAfterSeconds: Number.POSITIVE_INFINITY })).toBeUndefined();
  });
});

describe('secondsLeft and msUntilNextSecond', () => {
  const deadline = 100_000;

  it('counts whole seconds down to 0, changing exactly on each second', () => {
    expect(secondsLeft(deadline, deadline - 17_000)).toBe(17);
    expect(msUntilNextSecond(deadline, deadline - 17_000)).toBe(1000);
    expect(secondsLeft(deadline, deadline - 16_999)).toBe(17);
    expect(secondsLeft(deadline, deadline - 16_000)).toBe(16);
    expect(secondsLeft(deadline, deadline - 15_990)).toBe(16);
    expect(msUntilNextSecond(deadline, deadline - 15_990)).toBe(990);
    expect(secondsLeft(deadline, deadline - 1)).toBe(1);
    expect(msUntilNextSecond(deadline, deadline - 1)).toBe(1);
  });

  it('is 0 at and after the deadline, with nothing left to wait for', () => {
    expect(secondsLeft(deadline, deadline)).toBe(0);
    expect(secondsLeft(deadline, deadline + 5000)).toBe(0);
    expect(msUntilNextSecond(deadline, deadline)).toBe(0);
    expect(msUntilNextSecond(deadline, deadline + 5000)).toBe(0);
  });
});
