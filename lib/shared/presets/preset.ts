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
