import { BUILTIN_IDS } from './builtin';
import { presetSchema, type Preset } from './schema';
import * as z from '@/lib/validation/zod-mini';

export const EXPORT_FORMAT = 'swallow-chat/presets';
export const MAX_IMPORT_BYTES = 256 * 1024;
/** The most presets a user keeps: bounds storage and the panel's length. */
export const MAX_USER_PRESETS = 100;

export type ImportError =
  | { code: 'too_large'; bytes: number; max: number }
  | { code: 'not_json' }
  | { code: 'wrong_shape'; path: string; message: string }
  | { code: 'empty' }
  | { code: 'too_many'; count: number; max: number };

export type ImportResult = { ok: true; presets: Preset[] } | { ok: false; error: ImportError };

const envelopeSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.optional(z.string()),
  presets: z.array(presetSchema),
});
/** A bare array of presets is accepted too (hand-written files). */
const bareListSchema = z.array(presetSchema);

export function exportPresetFile(presets: readonly Preset[], now = new Date()): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), presets }, null, 2)}\n`;
}

/** Validates a whole file before anything is imported: all of it is good, or none is taken. */
export function parsePresetFile(text: string, existingCount: number): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, error: { code: 'too_large', bytes, max: MAX_IMPORT_BYTES } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not_json' } };
  }
  const parsed = Array.isArray(data) ? bareListSchema.safeParse(data) : envelopeSchema.safeParse(data);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, error: { code: 'wrong_shape', path: issue.path.join('.') || '(root)', message: issue.message } };
  }
  const presets = Array.isArray(parsed.data) ? parsed.data : parsed.data.presets;
  if (presets.length === 0) return { ok: false, error: { code: 'empty' } };
  if (existingCount + presets.length > MAX_USER_PRESETS) {
    return { ok: false, error: { code: 'too_many', count: existingCount + presets.length, max: MAX_USER_PRESETS } };
  }
  return { ok: true, presets };
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
