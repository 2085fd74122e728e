import * as z from '@/lib/shared/validation/zod-mini';
import { presetSchema, type Preset } from '../../shared/presets/schema';
import { PRESETS_STORAGE_VERSION } from './storage-format';

/**
 * Each migration lifts stored data one version up. Version 0 is the bare array of presets
 * kept before the versioned envelope; add `1: (v1) => v2` here when the shape changes.
 */
const MIGRATIONS: Record<number, (data: unknown) => unknown> = {
  0: (presets) => ({ version: 1, presets }),
};

const envelopeSchema = z.object({ version: z.number().check(z.int(), z.gte(0)), presets: z.array(z.unknown()) });

export type LoadResult =
  /** presets: what could be read; dropped: entries that were damaged and left out. */
  | { status: 'ok'; presets: Preset[]; dropped: number; migratedFrom?: number }
  /** Written by a newer app version: used read-only, never overwritten. */
  | { status: 'newer'; presets: Preset[]; version: number }
  | { status: 'unreadable' };

function versionOf(data: unknown): number | null {
  if (Array.isArray(data)) return 0;
  const envelope = envelopeSchema.safeParse(data);
  return envelope.success ? envelope.data.version : null;
}

export function loadPresets(raw: string | null): LoadResult {
  if (raw === null) return { status: 'ok', presets: [], dropped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { status: 'unreadable' };
  }
  const startVersion = versionOf(data);
  if (startVersion === null) return { status: 'unreadable' };

  let version = startVersion;
  while (version < PRESETS_STORAGE_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) return { status: 'unreadable' };
    data = migrate(data);
    version += 1;
  }

  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return { status: 'unreadable' };
  const entries = envelope.data.presets;
  const presets = entries.flatMap((entry) => {
    const parsed = presetSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  if (startVersion > PRESETS_STORAGE_VERSION) return { status: 'newer', presets, version: startVersion };
  return {
    status: 'ok',
    presets,
    dropped: entries.length - presets.length,
    ...(startVersion < PRESETS_STORAGE_VERSION ? { migratedFrom: startVersion } : {}),
  };
}
