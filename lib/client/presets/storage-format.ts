import type { Preset } from '../../shared/presets/preset';

/** Where saved presets live in localStorage, and the version of their envelope (see ./storage). */
export const PRESETS_STORAGE_KEY = 'swallow-chat:presets';
export const PRESETS_STORAGE_VERSION = 1;

export function serializePresets(presets: readonly Preset[]): string {
  return JSON.stringify({ version: PRESETS_STORAGE_VERSION, presets });
}
