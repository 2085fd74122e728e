import { DEFAULT_PARAMS, PARAM_LIMITS } from '@/lib/ai/defaults';
import { MAX_SYSTEM_CHARS } from '@/lib/ai/limits';
import { DEFAULT_PRESET_ID } from '@/lib/presets/builtin';
import * as z from '@/lib/validation/zod-mini';
import { createStore } from './external-store';
import type { ChatSettings } from './types';

const STORAGE_KEY = 'swallow-chat:settings:v1';

const storedSettingsSchema = z.object({
  model: z.string().check(z.maxLength(200)),
  temperature: z.number().check(z.gte(PARAM_LIMITS.temperature.min), z.lte(PARAM_LIMITS.temperature.max)),
  topP: z.number().check(z.gte(PARAM_LIMITS.topP.min), z.lte(PARAM_LIMITS.topP.max)),
  maxTokens: z.number().check(z.int(), z.gte(PARAM_LIMITS.maxTokens.min), z.lte(PARAM_LIMITS.maxTokens.max)),
  systemPrompt: z.nullable(z.string().check(z.maxLength(MAX_SYSTEM_CHARS))),
  presetId: z._default(z.nullable(z.string().check(z.maxLength(64))), DEFAULT_PRESET_ID),
});

export function defaultSettings(models: readonly string[]): ChatSettings {
  return { model: models[0] ?? '', ...DEFAULT_PARAMS, systemPrompt: null, presetId: DEFAULT_PRESET_ID };
}

/** Settings saved earlier, or the defaults; a model the server no longer offers falls back. */
export function restoreSettings(raw: string | null, models: readonly string[]): ChatSettings {
  const defaults = defaultSettings(models);
  if (!raw) return defaults;
  try {
    const parsed = storedSettingsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return defaults;
    return { ...parsed.data, model: models.includes(parsed.data.model) ? parsed.data.model : defaults.model };
  } catch {
    return defaults;
  }
}

export const settingsStore = createStore<ChatSettings>(defaultSettings([]));
let hydrated = false;

/** Loads saved settings once per page load, then saves every change. */
export function hydrateSettings(models: readonly string[]): void {
  if (hydrated || typeof window === 'undefined') return;
  hydrated = true;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode): settings then last for this page only.
  }
  settingsStore.set(restoreSettings(raw, models));
  settingsStore.subscribe(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(settingsStore.get()));
    } catch {
      // Same as above: keep working in memory.
    }
  });
}
