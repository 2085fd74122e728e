import { describe, expect, it } from 'vitest';
import { activeReplies, endAllReplies, trackReply, whenNoReplies } from './shutdown-state';

describe('shutdown state', () => {
  it('tracks streaming replies, ends them on demand, and says when none is left', async () => {
    expect(activeReplies()).toBe(0);
    await whenNoReplies(); // none: resolves at once
    const ended: string[] = [];
    const doneA = trackReply(() => ended.push('a'));
    const doneB = trackReply(() => ended.push('b'));
    expect(activeReplies()).toBe(2);
    let idle = false;
    const waiting = whenNoReplies().then(() => (idle = true));
    doneA();
    doneA(); // twice is harmless
    await Promise.resolve();
    expect(idle).toBe(false);
    endAllReplies();
    expect(ended).toEqual(['b']); // a was over already
    doneB();
    await waiting;
    expect(idle).toBe(true);
    expect(activeReplies()).toBe(0);
  });
});
