import { BUILTIN_IDS } from '../../shared/presets/preset';
import type { ImportFileError } from '@/lib/client/validation/import-file';
import type { Preset } from '../../shared/presets/preset';

export const EXPORT_FORMAT = 'swallow-chat/presets';
export const MAX_IMPORT_BYTES = 256 * 1024;
/** The most presets a user keeps: bounds storage and the panel's length. */
export const MAX_USER_PRESETS = 100;

export type ImportError = ImportFileError;

export type ImportResult = { ok: true; presets: Preset[] } | { ok: false; error: ImportError };

export function exportPresetFile(presets: readonly Preset[], now = new Date()): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), presets }, null, 2)}\n`;
}

export interface MergeResult {
  presets: Preset[];
  /** Imported presets whose id was taken, and the new id each got. */
  renamed: { from: string; to: string }[];
}

/** Adds imported presets after the existing ones; an id collision gets a fresh id, never an overwrite. */
export function mergeImported(existing: readonly Preset[], incoming: readonly Preset[]): MergeResult {
  const taken = new Set([...BUILTIN_IDS, ...existing.map((preset) => preset.id)]);
  const renamed: MergeResult['renamed'] = [];
  const added = incoming.map((preset) => {
    const id = uniqueId(preset.id, taken);
    taken.add(id);
    if (id !== preset.id) renamed.push({ from: preset.id, to: id });
    return { ...preset, id };
  });
  return { presets: [...existing, ...added], renamed };
}

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/-\d+$/, '').slice(0, 56) || 'preset';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
