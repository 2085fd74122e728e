import { describe, expect, it } from 'vitest';
import { loadTally, pairKey, pairScore, parseTally, recordPick, saveTally, TALLY_STORAGE_KEY } from './tally';

const A = 'org/llama-3.1-swallow-8b-instruct-v0.1';
const B = 'org/llama-3.1-swallow-70b-instruct-v0.1';

describe('compare tally', () => {
  it('counts wins per unordered pair', () => {
    let tally = recordPick({}, B, A);
    tally = recordPick(tally, B, A);
    tally = recordPick(tally, A, B);
    expect(pairKey(A, B)).toBe(pairKey(B, A));
    expect(pairScore(tally, A, B)).toEqual([
      { model: A, wins: 1 },
      { model: B, wins: 2 },
    ]);
    expect(pairScore(tally, B, A)).toEqual([
      { model: B, wins: 2 },
      { model: A, wins: 1 },
    ]);
  });

  it('shows nothing for a pair never picked, and does not count a model against itself', () => {
    expect(pairScore({}, A, B)).toBeNull();
    expect(recordPick({}, A, A)).toEqual({});
    expect(pairScore(recordPick({}, A, B), A, A)).toBeNull();
  });

  it('round-trips through storage and drops what is malformed', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    const tally = recordPick({}, A, B);
    saveTally(storage, tally);
    expect(loadTally(storage)).toEqual(tally);

    store.set(
      TALLY_STORAGE_KEY,
      JSON.stringify({
        [pairKey(A, B)]: { [A]: 3, [B]: 1 },
        wrongKey: { [A]: 1, [B]: 1 },
        [pairKey('x', 'y')]: { x: -1, y: 2 },
        [pairKey('p', 'q')]: { p: 1, q: 1, r: 1 },
      }),
    );
    expect(loadTally(storage)).toEqual({ [pairKey(A, B)]: { [A]: 3, [B]: 1 } });
    expect(parseTally('not json')).toEqual({});
    expect(parseTally('[1,2]')).toEqual({});
    expect(loadTally(null)).toEqual({});
  });
});
