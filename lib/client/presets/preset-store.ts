import { createStore } from '@/lib/client/chat/external-store';
import { BUILTIN_IDS } from '../../shared/presets/preset';
import type { Preset } from '../../shared/presets/preset';
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
/** Changes made while saved presets were still being read: applied to them once read. */
let queued: ((presets: Preset[]) => Preset[])[] = [];

/**
 * Reads the saved presets. Their validation (zod, ./storage) is loaded only when there are
 * saved presets, so a first visit's page never loads it.
 */
async function load(): Promise<void> {
  const raw = readStorage();
  const read = ++reads;
  reading = raw !== null;
  if (raw === null) return settle([], true);
  const { loadPresets } = await import('./storage');
  if (read !== reads) return; // a newer read (another tab saved meanwhile) wins
  reading = false;
  const result = loadPresets(raw);
  if (result.status === 'unreadable') {
    // Keep the damaged data for recovery instead of overwriting it with an empty list.
    try {
      window.localStorage.setItem(`${PRESETS_STORAGE_KEY}:unreadable`, raw);
    } catch {}
    return settle([], true);
  }
  settle(result.presets, result.status === 'ok');
}

/** The presets as read, with the changes made while they were being read applied and saved. */
function settle(presets: Preset[], writable: boolean): void {
  const changes = queued;
  queued = [];
  const current = presetStore.get();
  // Nothing saved (a first visit): the store stays the same object, so nothing renders again.
  const unchanged = presets.length === 0 && current.presets.length === 0 && current.writable === writable;
  if (!unchanged) presetStore.set({ presets, writable });
  if (changes.length > 0) save(changes.reduce((list, change) => change(list), presets));
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
  if (!writable) return;
  try {
    window.localStorage.setItem(PRESETS_STORAGE_KEY, serializePresets(presets));
  } catch {
    presetStore.set({ presets, writable: false });
  }
}

/**
 * Applies a change to the user's presets and saves them. While saved presets are still being
 * read (a few ms after the page starts, e.g. "save as preset" on a share link), the change shows
 * at once and is applied again to what was read, instead of being written over it.
 */
function change(apply: (presets: Preset[]) => Preset[]): void {
  if (!reading) return save(apply(userPresets()));
  queued.push(apply);
  presetStore.set({ ...presetStore.get(), presets: apply(userPresets()) });
}

const userPresets = () => presetStore.get().presets;
const taken = (presets: readonly Preset[]) => new Set([...BUILTIN_IDS, ...presets.map((preset) => preset.id)]);

/** Adds a new preset (a fresh id if its id is taken) and returns it as stored. */
export function addPreset(preset: Preset): Preset {
  let added = preset;
  change((presets) => {
    added = { ...preset, id: uniqueId(preset.id, taken(presets)) };
    return [...presets, added];
  });
  return added;
}

export function updatePreset(preset: Preset): void {
  change((presets) => presets.map((existing) => (existing.id === preset.id ? preset : existing)));
}

/** Removes a preset and returns what undo needs to put it back where it was. */
export function deletePreset(id: string): { preset: Preset; index: number } | null {
  const index = userPresets().findIndex((preset) => preset.id === id);
  if (index < 0) return null;
  const preset = userPresets()[index];
  change((presets) => presets.filter((existing) => existing.id !== id));
  return { preset, index };
}

export function restorePreset({ preset, index }: { preset: Preset; index: number }): void {
  change((presets) => {
    if (presets.some((existing) => existing.id === preset.id)) return presets;
    const next = [...presets];
    next.splice(Math.min(index, next.length), 0, preset);
    return next;
  });
}

export function importPresets(incoming: Preset[]): MergeResult {
  let result: MergeResult = { presets: userPresets(), renamed: [] };
  change((presets) => {
    result = mergeImported(presets, incoming);
    return result.presets;
  });
  return result;
}
