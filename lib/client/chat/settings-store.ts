import { profileForModel } from '@/lib/shared/model/profile';
import { DEFAULT_PRESET_ID } from '@/lib/client/presets/builtin';
import { createStore } from './external-store';
import type { ChatSettings } from './types';

export const SETTINGS_STORAGE_KEY = 'swallow-chat:settings:v1';

/** The first model with its card's recommended sampling (lib/shared/model/profile.ts). */
export function defaultSettings(models: readonly string[]): ChatSettings {
  const model = models[0] ?? '';
  return { model, ...profileForModel(model).recommended, systemPrompt: null, presetId: DEFAULT_PRESET_ID };
}

export const settingsStore = createStore<ChatSettings>(defaultSettings([]));
let hydrated = false;

/**
 * Loads saved settings once per page load, then saves every change. Saved settings are
 * validated by ./settings-restore (zod), loaded only when there are any: a first visit's page
 * never loads it. Until they are read the defaults show (as in the server's HTML); a change
 * made meanwhile (a share link's setup, a conversation's own settings) wins over them.
 */
export function hydrateSettings(models: readonly string[]): void {
  if (hydrated || typeof window === 'undefined') return;
  hydrated = true;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(SETTINGS_STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode): settings then last for this page only.
  }
  const defaults = defaultSettings(models);
  settingsStore.set(defaults);
  settingsStore.subscribe(() => {
    try {
      window.localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settingsStore.get()));
    } catch {
      // Same as above: keep working in memory.
    }
  });
  if (raw === null) return;
  const saved = raw;
  void import('./settings-restore').then(({ restoreSettings }) => {
    const restored = restoreSettings(saved, models, defaults);
    if (settingsStore.get() === defaults && JSON.stringify(restored) !== JSON.stringify(defaults))
      settingsStore.set(restored);
  });
}
