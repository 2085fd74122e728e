import type { Locale } from '@/lib/shared/i18n/routing';
import type { Preset, PresetParams, PresetText } from './schema';

// The presets' types come from their zod schemas (./schema), which load only where stored or
// imported presets are validated: type imports leave nothing in the page's first load.
export type { Preset, PresetParams, PresetText };

// The limits live with the other size limits (the schema imports them from there, not from here).
export {
  MAX_PRESET_DESCRIPTION,
  MAX_PRESET_NAME,
  MAX_STARTER_CHARS,
  MAX_STARTERS,
  PRESET_ID,
} from '@/lib/shared/ai/limits';

export function localize(value: PresetText, locale: Locale): string {
  return typeof value === 'string' ? value : value[locale] || value.ja || value.en;
}

/** Every wording a text has: a built-in's prompt counts as unchanged in either language. */
export function variants(value: PresetText): string[] {
  return typeof value === 'string' ? [value] : [value.ja, value.en];
}

export interface LocalizedPreset {
  id: string;
  name: string;
  description: string;
  systemPrompt: string;
  params: PresetParams;
  starters: string[];
}

export function localizePreset(preset: Preset, locale: Locale): LocalizedPreset {
  return {
    id: preset.id,
    name: localize(preset.name, locale),
    description: localize(preset.description, locale),
    systemPrompt: localize(preset.systemPrompt, locale),
    params: preset.params,
    starters: preset.starters.map((starter) => localize(starter, locale)),
  };
}

/**
 * Variables a system prompt or preset text may use (issue #37): filled when each request is
 * made, in the user's time zone and the conversation's language, so 「今日は何曜日？」 has an
 * answer. A name not listed here, or a typo, stays as written.
 *
 * | variable | ja | en |
 * |---|---|---|
 * | {{date}} | 2026年12月6日（日） | Sunday, December 6, 2026 |
 * | {{time}} | 19:55 | 7:55 PM |
 * | {{weekday}} | 日曜日 | Sunday |
 * | {{locale}} | ja | en |
 */
export const PROMPT_VARIABLES = ['date', 'time', 'weekday', 'locale'] as const;
export type PromptVariable = (typeof PROMPT_VARIABLES)[number];

export interface FillContext {
  now: Date;
  /** The conversation's language: the app's locale. */
  locale: 'ja' | 'en';
  /** IANA time zone; the browser's own when not given. */
  timeZone?: string;
}

const PATTERN = /\{\{\s*([a-z]+)\s*\}\}/giu;

/** Whether `text` uses any variable (so callers can skip the work for most prompts). */
export function hasPromptVariables(text: string): boolean {
  PATTERN.lastIndex = 0;
  for (const match of text.matchAll(PATTERN)) {
    if ((PROMPT_VARIABLES as readonly string[]).includes(match[1]!.toLowerCase())) return true;
  }
  return false;
}

export function promptVariableValues({ now, locale, timeZone }: FillContext): Record<PromptVariable, string> {
  const tag = locale === 'ja' ? 'ja-JP' : 'en-US';
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { timeZone, ...options }).format(now);
  const weekday = format({ weekday: 'long' });
  const date =
    locale === 'ja'
      ? `${format({ year: 'numeric', month: 'long', day: 'numeric' })}（${format({ weekday: 'short' })}）`
      : format({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  const time = format({ hour: 'numeric', minute: '2-digit', hour12: locale !== 'ja' });
  return { date, time, weekday, locale };
}

/** `text` with every known variable filled; unknown ones are left as written. */
export function fillPromptVariables(text: string, context: FillContext): string {
  if (!hasPromptVariables(text)) return text;
  const values = promptVariableValues(context);
  return text.replace(PATTERN, (whole, name: string) => {
    const key = name.toLowerCase() as PromptVariable;
    return (PROMPT_VARIABLES as readonly string[]).includes(key) ? values[key] : whole;
  });
}
