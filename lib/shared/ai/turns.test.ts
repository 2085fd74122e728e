import { describe, expect, it } from 'vitest';
import { dropOldestTurns, splitTurns } from './turns';

const u = (c: string) => ({ role: 'user' as const, content: c });
const a = (c: string) => ({ role: 'assistant' as const, content: c });

describe('turns', () => {
  it('starts a turn at each user message; a leading reply is its own turn', () => {
    expect(splitTurns([a('hello'), u('1'), a('1a'), a('1b'), u('2')])).toEqual([
      [a('hello')],
      [u('1'), a('1a'), a('1b')],
      [u('2')],
    ]);
  });

  it('drops whole turns from the oldest, and nothing for 0', () => {
    const messages = [u('1'), a('1a'), u('2'), a('2a'), u('3')];
    expect(dropOldestTurns(messages, 0)).toBe(messages);
    expect(dropOldestTurns(messages, 1)).toEqual([u('2'), a('2a'), u('3')]);
    expect(dropOldestTurns(messages, 2)).toEqual([u('3')]);
  });
});
