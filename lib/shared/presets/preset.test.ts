import { describe, expect, it } from 'vitest';
import { fillPromptVariables, hasPromptVariables } from './preset';

// 2026-12-06 10:55 UTC: Sunday in Tokyo (19:55) and in New York (05:55).
const now = new Date('2026-12-06T10:55:00Z');

describe('fillPromptVariables', () => {
  it('fills date, time, weekday and locale in Japanese, in the given time zone', () => {
    const text = '今日は{{date}}、{{weekday}}、現在{{time}}です。言語: {{locale}}';
    expect(fillPromptVariables(text, { now, locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      '今日は2026年12月6日（日）、日曜日、現在19:55です。言語: ja',
    );
  });

  it('fills them in English', () => {
    expect(
      fillPromptVariables('Today is {{date}} ({{weekday}}), {{time}}.', {
        now,
        locale: 'en',
        timeZone: 'America/New_York',
      }),
    ).toBe('Today is Sunday, December 6, 2026 (Sunday), 5:55 AM.');
  });

  it("uses the user's time zone for the day: late evening in Honolulu is still the 5th", () => {
    expect(
      fillPromptVariables('{{date}}', {
        now: new Date('2026-12-06T08:00:00Z'),
        locale: 'ja',
        timeZone: 'Pacific/Honolulu',
      }),
    ).toBe('2026年12月5日（土）');
  });

  it('accepts spaces and capitals inside the braces, and leaves unknown names and broken braces as written', () => {
    const context = { now, locale: 'ja' as const, timeZone: 'Asia/Tokyo' };
    expect(fillPromptVariables('{{ DATE }}', context)).toBe('2026年12月6日（日）');
    expect(fillPromptVariables('{{name}} {{date} {date} {{ date', context)).toBe('{{name}} {{date} {date} {{ date');
    expect(fillPromptVariables('{{name}} / {{date}}', context)).toBe('{{name}} / 2026年12月6日（日）');
  });

  it('returns a text without variables unchanged', () => {
    expect(hasPromptVariables('あなたは誠実で優秀な日本人のアシスタントです。')).toBe(false);
    expect(hasPromptVariables('{{unknown}}')).toBe(false);
    expect(hasPromptVariables('{{time}}')).toBe(true);
  });
});
