import { describe, expect, it } from 'vitest';
import { groupHistory, localDay } from './groups';

const tokyo = 'Asia/Tokyo';
// Sunday 2026-12-06 00:30 in Tokyo (Saturday 15:30 UTC).
const now = Date.parse('2026-12-05T15:30:00Z');
const at = (iso: string) => Date.parse(iso);

describe('groupHistory', () => {
  it("groups by the calendar day in the user's time zone, pinned first, newest first", () => {
    const items = [
      { id: 'old', updatedAt: at('2026-11-01T00:00:00Z') },
      { id: 'today-early', updatedAt: at('2026-12-05T15:05:00Z') }, // 00:05 on the 6th in Tokyo
      { id: 'yesterday', updatedAt: at('2026-12-05T14:50:00Z') }, // 23:50 on the 5th in Tokyo
      { id: 'pinned-old', updatedAt: at('2026-01-01T00:00:00Z'), pinned: true },
      { id: 'week', updatedAt: at('2026-11-29T03:00:00Z') }, // the 29th: 7 days before
      { id: 'eight-days', updatedAt: at('2026-11-28T03:00:00Z') },
      { id: 'today-late', updatedAt: at('2026-12-05T15:20:00Z') },
    ];
    expect(groupHistory(items, now, tokyo).map(({ group, items: list }) => [group, list.map((i) => i.id)])).toEqual([
      ['pinned', ['pinned-old']],
      ['today', ['today-late', 'today-early']],
      ['yesterday', ['yesterday']],
      ['week', ['week']],
      ['older', ['eight-days', 'old']],
    ]);
  });

  it('leaves out empty groups; in UTC the same items fall on other days', () => {
    const items = [{ id: 'a', updatedAt: at('2026-12-05T14:50:00Z') }];
    expect(groupHistory(items, now, tokyo).map((g) => g.group)).toEqual(['yesterday']);
    expect(groupHistory(items, now, 'UTC').map((g) => g.group)).toEqual(['today']);
  });

  it("without a time zone, counts by the browser's own, as Intl does", () => {
    for (const iso of [
      '2026-12-05T14:50:00Z',
      '2026-12-05T15:05:00Z',
      '2026-03-08T07:30:00Z',
      '2026-11-01T05:30:00Z',
    ]) {
      const parts = new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      }).formatToParts(at(iso));
      const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      expect(localDay(at(iso))).toBe(Math.floor(Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000));
    }
    expect(groupHistory([], now)).toEqual([]);
  });

  it('counts days across a DST change by the calendar, not by 24-hour steps', () => {
    // New York leaves DST on 2026-11-01, a 25-hour day: 24 hours after its first half hour is still the 1st.
    const ny = (iso: string) => localDay(at(iso), 'America/New_York');
    expect(ny('2026-11-02T04:30:00Z') - ny('2026-11-01T04:30:00Z')).toBe(0);
    expect(ny('2026-11-02T05:30:00Z') - ny('2026-11-01T04:30:00Z')).toBe(1);
  });
});
