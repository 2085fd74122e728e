import { describe, expect, it } from 'vitest';
import { keepsFollowing } from './MessageList';

const at = (scrollTop: number, scrollHeight = 5000, clientHeight = 800) => ({ scrollTop, scrollHeight, clientHeight });

describe('keepsFollowing', () => {
  it('follows while at the end', () => expect(keepsFollowing(false, 0, at(4200))).toBe(true));
  it('stops when the reader scrolls up, away from the end', () =>
    expect(keepsFollowing(true, 4200, at(3000))).toBe(false));
  it('keeps following on a small scroll up that stays near the end', () =>
    expect(keepsFollowing(true, 4200, at(4100))).toBe(true));
  it('keeps following when the reply grew past the view between frames', () =>
    expect(keepsFollowing(true, 4200, at(4200, 6000))).toBe(true));
  it('stays stopped while the reader scrolls down but is not at the end yet', () =>
    expect(keepsFollowing(false, 2000, at(2500))).toBe(false));
});
