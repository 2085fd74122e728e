import type { Locale } from '@/lib/shared/i18n/routing';
import type { ChatSettings } from '@/lib/client/chat/types';
import { profileForModel } from '@/lib/shared/model/profile';
import {
  BUILTIN_IDS,
  DEFAULT_PRESET_ID,
  findBuiltinPreset,
  localize,
  variants,
  type Preset,
} from '../../shared/presets/preset';

/** A preset's sampling; the default assistant's is the selected model's recommended (its card). */
export function presetParams(preset: Preset, model: string): Preset['params'] {
  return preset.id === DEFAULT_PRESET_ID ? profileForModel(model).recommended : preset.params;
}

/** Settings after applying a preset. A built-in's prompt follows the language; a user's is kept as written. */
export function applyPreset(settings: ChatSettings, preset: Preset, locale: Locale): ChatSettings {
  return {
    ...settings,
    presetId: preset.id,
    systemPrompt: BUILTIN_IDS.has(preset.id) ? null : localize(preset.systemPrompt, locale),
    ...presetParams(preset, settings.model),
  };
}

/**
 * The settings for another model in a compare column. Under the default assistant preset the
 * column takes that model's recommended sampling and default system prompt (applyPreset, as the
 * settings panel does when the preset is chosen); under any other preset its sampling is kept,
 * max tokens within the new model's window.
 */
export function settingsForModel(settings: ChatSettings, model: string, locale: Locale): ChatSettings {
  const moved = { ...settings, model };
  const preset = settings.presetId === DEFAULT_PRESET_ID ? findBuiltinPreset(DEFAULT_PRESET_ID) : undefined;
  if (preset) return applyPreset(moved, preset, locale);
  return { ...moved, maxTokens: Math.min(settings.maxTokens, profileForModel(model).maxTokensLimit) };
}

/** True when the prompt or a sampling parameter no longer matches the active preset. */
export function isPresetModified(settings: ChatSettings, preset: Preset): boolean {
  const promptChanged =
    settings.systemPrompt !== null && !variants(preset.systemPrompt).includes(settings.systemPrompt);
  const { temperature, topP, maxTokens } = presetParams(preset, settings.model);
  return (
    promptChanged || settings.temperature !== temperature || settings.topP !== topP || settings.maxTokens !== maxTokens
  );
}

/** The preset with this id: a built-in, or one of the user's. */
export function findPreset(id: string | null, userPresets: readonly Preset[]): Preset | undefined {
  if (!id) return undefined;
  return findBuiltinPreset(id) ?? userPresets.find((preset) => preset.id === id);
}

/** "Reset" on the system prompt: back to the active preset's wording. */
export function resetSystemPrompt(
  settings: ChatSettings,
  userPresets: readonly Preset[],
  locale: Locale,
): ChatSettings {
  const preset = findPreset(settings.presetId, userPresets);
  const own = preset && !BUILTIN_IDS.has(preset.id);
  return { ...settings, systemPrompt: own ? localize(preset.systemPrompt, locale) : null };
}

/** A user's copy of any preset, in one language, under a fresh id. */
export function duplicatePreset(preset: Preset, locale: Locale, copySuffix: string, id: string): Preset {
  return {
    id,
    name: `${localize(preset.name, locale)}${copySuffix}`.slice(0, 80),
    description: localize(preset.description, locale),
    systemPrompt: localize(preset.systemPrompt, locale),
    params: { ...preset.params },
    starters: preset.starters.map((starter) => localize(starter, locale)),
  };
}

export function newPresetId(): string {
  return `custom-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
