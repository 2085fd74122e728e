import { describe, expect, it } from 'vitest';
import { formatInteger } from './format-integer';
import { routing } from '../../shared/i18n/routing';

const VALUES = [0, 7, 42, 512, 999, 1000, 4096, 8192, 32_768, 131_072, 999_999, 1_000_000, 12_345_678, -1, -4096];

describe('formatInteger', () => {
  for (const locale of routing.locales) {
    it(`writes integers as Intl.NumberFormat does in ${locale}`, () => {
      const intl = new Intl.NumberFormat(locale);
      for (const value of VALUES) expect(formatInteger(value, locale)).toBe(intl.format(value));
    });
  }

  it('groups digits', () => {
    expect(formatInteger(131_072, 'ja')).toBe('131,072');
    expect(formatInteger(512, 'en')).toBe('512');
  });

  it('leaves what is not a safe integer as it is', () => {
    expect(formatInteger(0.5, 'en')).toBe('0.5');
    expect(formatInteger(Number.NaN, 'en')).toBe('NaN');
  });
});
