import { describe, expect, it } from 'vitest';
import { saveThrottleMs } from './history';

describe('saveThrottleMs', () => {
  it('saves a streaming reply every 400 ms in a conversation of up to 50 messages', () => {
    expect(saveThrottleMs(0)).toBe(400);
    expect(saveThrottleMs(2)).toBe(400);
    expect(saveThrottleMs(50)).toBe(400);
  });

  it('waits in proportion to a longer conversation, at most 5 s', () => {
    expect(saveThrottleMs(100)).toBe(800);
    expect(saveThrottleMs(500)).toBe(4000);
    expect(saveThrottleMs(501)).toBeGreaterThan(saveThrottleMs(500));
    expect(saveThrottleMs(5000)).toBe(5000);
  });
});
