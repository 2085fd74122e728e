import { createStore } from '@/lib/chat/external-store';
import { BUILTIN_IDS } from './builtin';
import type { Preset } from './preset';
import { PRESETS_STORAGE_KEY, serializePresets } from './storage-format';
import { mergeImported, uniqueId, type MergeResult } from './transfer';

export interface PresetState {
  presets: Preset[];
  /** False when saving is impossible: storage blocked, or written by a newer app version. */
  writable: boolean;
}

export const presetStore = createStore<PresetState>({ presets: [], writable: true });
let hydrated = false;

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(PRESETS_STORAGE_KEY);
  } catch {
    return null;
  }
}

let reads = 0;
let reading = false;

/**
 * Reads the saved presets. Their validation (zod, ./storage) is loaded only when there are
 * saved presets, so a first visit's page never loads it.
 */
async function load(): Promise<void> {
  const raw = readStorage();
  const read = ++reads;
  reading = raw !== null;
  if (raw === null) return presetStore.set({ presets: [], writable: true });
  const { loadPresets } = await import('./storage');
  if (read !== reads) return; // a newer read (another tab saved meanwhile) wins
  reading = false;
  const result = loadPresets(raw);
  if (result.status === 'unreadable') {
    // Keep the damaged data for recovery instead of overwriting it with an empty list.
    try {
      window.localStorage.setItem(`${PRESETS_STORAGE_KEY}:unreadable`, raw);
    } catch {}
    presetStore.set({ presets: [], writable: true });
    return;
  }
  presetStore.set({ presets: result.presets, writable: result.status === 'ok' });
}

/** Loads saved presets once, saves each change, and follows changes made in other tabs. */
export function hydratePresets(): void {
  if (hydrated || typeof window === 'undefined') return;
  hydrated = true;
  void load();
  window.addEventListener('storage', (event) => {
    if (event.key === PRESETS_STORAGE_KEY) void load();
  });
}

function save(presets: Preset[]): void {
  const { writable } = presetStore.get();
  presetStore.set({ presets, writable });
  // Until the saved presets are read (a few ms after the page starts), a change would be
  // written over them: it stays in memory and the read replaces it.
  if (!writable || reading) return;
  try {
    window.localStorage.setItem(PRESETS_STORAGE_KEY, serializePresets(presets));
  } catch {
    presetStore.set({ presets, writable: false });
  }
}

const userPresets = () => presetStore.get().presets;

export function takenIds(): Set<string> {
  return new Set([...BUILTIN_IDS, ...userPresets().map((preset) => preset.id)]);
}

/** Adds a new preset (a fresh id if its id is taken) and returns it as stored. */
export function addPreset(preset: Preset): Preset {
  const added = { ...preset, id: uniqueId(preset.id, takenIds()) };
  save([...userPresets(), added]);
  return added;
}

export function updatePreset(preset: Preset): void {
  save(userPresets().map((existing) => (existing.id === preset.id ? preset : existing)));
}

/** Removes a preset and returns what undo needs to put it back where it was. */
export function deletePreset(id: string): { preset: Preset; index: number } | null {
  const index = userPresets().findIndex((preset) => preset.id === id);
  if (index < 0) return null;
  const preset = userPresets()[index];
  save(userPresets().filter((existing) => existing.id !== id));
  return { preset, index };
}

export function restorePreset({ preset, index }: { preset: Preset; index: number }): void {
  if (userPresets().some((existing) => existing.id === preset.id)) return;
  const next = [...userPresets()];
  next.splice(Math.min(index, next.length), 0, preset);
  save(next);
}

export function importPresets(incoming: Preset[]): MergeResult {
  const result = mergeImported(userPresets(), incoming);
  save(result.presets);
  return result;
}
