/**
 * Blind picks per model pair, kept in this browser only (localStorage): which model's reply the
 * user preferred while the names were hidden. Nothing goes to the server.
 */
export const TALLY_STORAGE_KEY = 'swallow-chat:compare-tally:v1';
/** Pairs remembered at most (the oldest entries are kept; new pairs beyond this are not counted). */
export const MAX_TALLY_PAIRS = 200;

/** pair key → model id → wins. */
export type Tally = Record<string, Record<string, number>>;

export interface PairScore {
  model: string;
  wins: number;
}

/** One key per unordered pair: A vs B and B vs A count together. */
export function pairKey(a: string, b: string): string {
  return [a, b].sort().join('\n');
}

/** The tally with one more win for `winner` over `loser`; a model compared with itself is not counted. */
export function recordPick(tally: Tally, winner: string, loser: string): Tally {
  if (winner === loser) return tally;
  const key = pairKey(winner, loser);
  if (!tally[key] && Object.keys(tally).length >= MAX_TALLY_PAIRS) return tally;
  const pair = tally[key] ?? { [winner]: 0, [loser]: 0 };
  return { ...tally, [key]: { ...pair, [winner]: (pair[winner] ?? 0) + 1, [loser]: pair[loser] ?? 0 } };
}

/** Both models' wins in the order asked, or null when the pair has no pick yet (or is one model). */
export function pairScore(tally: Tally, a: string, b: string): [PairScore, PairScore] | null {
  if (a === b) return null;
  const pair = tally[pairKey(a, b)];
  if (!pair) return null;
  return [
    { model: a, wins: pair[a] ?? 0 },
    { model: b, wins: pair[b] ?? 0 },
  ];
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** A stored tally, with anything malformed dropped (it is the browser's data: never trusted). */
export function parseTally(raw: string | null): Tally {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const tally: Tally = {};
  for (const [key, pair] of Object.entries(data).slice(0, MAX_TALLY_PAIRS)) {
    if (typeof pair !== 'object' || pair === null || Array.isArray(pair)) continue;
    const entries = Object.entries(pair as Record<string, unknown>);
    if (entries.length !== 2 || !entries.every(([, wins]) => isCount(wins))) continue;
    if (pairKey(entries[0][0], entries[1][0]) !== key) continue;
    tally[key] = Object.fromEntries(entries) as Record<string, number>;
  }
  return tally;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function loadTally(storage: KeyValueStorage | null): Tally {
  try {
    return parseTally(storage?.getItem(TALLY_STORAGE_KEY) ?? null);
  } catch {
    return {};
  }
}

export function saveTally(storage: KeyValueStorage | null, tally: Tally): void {
  try {
    storage?.setItem(TALLY_STORAGE_KEY, JSON.stringify(tally));
  } catch {
    // Blocked or full: the tally lasts for this page only.
  }
}
