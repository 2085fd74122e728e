import * as z from '@/lib/validation/zod-mini';
import { presetSchema } from './schema';
import { EXPORT_FORMAT, MAX_IMPORT_BYTES, MAX_USER_PRESETS, type ImportResult } from './transfer';

const envelopeSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.optional(z.string()),
  presets: z.array(presetSchema),
});
/** A bare array of presets is accepted too (hand-written files). */
const bareListSchema = z.array(presetSchema);

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

