/**
 * The history sidebar's order (issue #37): pinned conversations first, then the rest grouped by
 * the calendar day of their last change in the user's time zone — today, yesterday, the previous
 * seven days, older — newest first in each group (ChatGPT's and Open WebUI's grouping).
 */
export const HISTORY_GROUPS = ['pinned', 'today', 'yesterday', 'week', 'older'] as const;
export type HistoryGroup = (typeof HISTORY_GROUPS)[number];

export interface Groupable {
  updatedAt: number;
  pinned?: boolean;
}

const DAY_MS = 86_400_000;

/** One formatter per time zone: creating the first one sets up ICU's date data (~25 ms in Chromium). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Days since 1970-01-01 of `time`'s calendar date in `timeZone`; without one, in the browser's own
 * (Date's local fields, the zone Intl would use): the sidebar asks so, and pays no Intl set-up.
 */
export function localDay(time: number, timeZone?: string): number {
  if (timeZone === undefined) {
    const date = new Date(time);
    return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format
    .formatToParts(time)
    .reduce<Record<string, number>>((all, { type, value }) => ({ ...all, [type]: Number(value) }), {});
  return Math.floor(Date.UTC(parts.year!, parts.month! - 1, parts.day!) / DAY_MS);
}

export function historyGroupOf(item: Groupable, today: number, timeZone?: string): HistoryGroup {
  if (item.pinned) return 'pinned';
  const age = today - localDay(item.updatedAt, timeZone);
  if (age <= 0) return 'today';
  if (age === 1) return 'yesterday';
  if (age <= 7) return 'week';
  return 'older';
}

/** Non-empty groups in sidebar order, each newest first. */
export function groupHistory<T extends Groupable>(
  items: readonly T[],
  now: number,
  timeZone?: string,
): { group: HistoryGroup; items: T[] }[] {
  if (items.length === 0) return [];
  const today = localDay(now, timeZone);
  const byGroup = new Map<HistoryGroup, T[]>(HISTORY_GROUPS.map((group) => [group, []]));
  for (const item of items) byGroup.get(historyGroupOf(item, today, timeZone))!.push(item);
  return HISTORY_GROUPS.map((group) => ({
    group,
    items: byGroup.get(group)!.sort((a, b) => b.updatedAt - a.updatedAt),
  })).filter(({ items: list }) => list.length > 0);
}
