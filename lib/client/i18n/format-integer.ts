import type { Locale } from '../../shared/i18n/routing';

/** Each locale's thousands separator, as Intl.NumberFormat writes it (format-integer.test.ts checks). */
const GROUP_SEPARATOR: Record<Locale, string> = { ja: ',', en: ',' };

/**
 * An integer with the locale's digit grouping (131,072), without Intl. The first
 * Intl.NumberFormat a page creates sets up ICU's number data, a long task in the hydration of
 * the settings panel (hidden on phones) for the settings note's two numbers (bench `lighthouse`,
 * bench/HISTORY.md). Messages take the result as a plain argument (`{maxTokens}`, not `{maxTokens, number}`).
 */
export function formatInteger(value: number, locale: Locale): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const digits = String(Math.abs(value));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR[locale]);
  return value < 0 ? `-${grouped}` : grouped;
}
