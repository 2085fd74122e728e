import type { Locale } from '@/lib/i18n/routing';
import type { ChatSettings } from '@/lib/chat/types';
import { BUILTIN_IDS } from './builtin';
import { localize, variants, type Preset } from './schema';

/** Settings after applying a preset. A built-in's prompt follows the language; a user's is kept as written. */
export function applyPreset(settings: ChatSettings, preset: Preset, locale: Locale): ChatSettings {
  return {
    ...settings,
    presetId: preset.id,
    systemPrompt: BUILTIN_IDS.has(preset.id) ? null : localize(preset.systemPrompt, locale),
    temperature: preset.params.temperature,
    topP: preset.params.topP,
    maxTokens: preset.params.maxTokens,
  };
}

/** True when the prompt or a sampling parameter no longer matches the active preset. */
export function isPresetModified(settings: ChatSettings, preset: Preset): boolean {
  const promptChanged = settings.systemPrompt !== null && !variants(preset.systemPrompt).includes(settings.systemPrompt);
  const { temperature, topP, maxTokens } = preset.params;
  return promptChanged || settings.temperature !== temperature || settings.topP !== topP || settings.maxTokens !== maxTokens;
}
