import * as z from '@/lib/shared/validation/zod-mini';
import { parseImportFile } from '@/lib/client/validation/import-file';
import type { Preset } from '../../shared/presets/preset';
import { presetSchema } from '../../shared/presets/schema';
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
  const parsed = parseImportFile(text, {
    listKey: 'presets',
    maxBytes: MAX_IMPORT_BYTES,
    maxItems: MAX_USER_PRESETS,
    existingCount,
    schemaFor: (data): z.ZodMiniType<Preset[] | z.infer<typeof envelopeSchema>> =>
      Array.isArray(data) ? bareListSchema : envelopeSchema,
    items: (file) => (Array.isArray(file) ? file : file.presets),
  });
  return parsed.ok ? { ok: true, presets: parsed.items } : parsed;
}
