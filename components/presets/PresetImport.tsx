'use client';

import { useTranslations } from 'next-intl';
import { JsonFileImport, useImportErrorText } from '@/components/ui/JsonFileImport';
import type { ButtonSize } from '@/components/ui/Button';
import { importPresets, presetStore } from '@/lib/client/presets/preset-store';
import { parsePresetFile } from '@/lib/client/presets/import-file';
import { MAX_IMPORT_BYTES } from '@/lib/client/presets/transfer';

const KB = 1024;

/** Imports a presets file: validated whole, never half-imported, colliding ids renamed. */
export function PresetImport({
  size,
  onImported,
}: {
  size: ButtonSize;
  /** The note after an import; null when a new file is chosen (the last note no longer stands). */
  onImported: (message: string | null) => void;
}) {
  const t = useTranslations('presets');

  const describe = useImportErrorText('presets.importErrors', KB);

  function onImport(text: string): string | null {
    const parsed = parsePresetFile(text, presetStore.get().presets.length);
    if (!parsed.ok) return describe(parsed.error);
    const { renamed } = importPresets(parsed.presets);
    const summary = t('importResult', { count: parsed.presets.length });
    onImported(renamed.length > 0 ? `${summary} ${t('importRenamed', { count: renamed.length })}` : summary);
    return null;
  }

  return (
    <JsonFileImport
      testId="preset-import"
      label={t('import')}
      size={size}
      maxBytes={MAX_IMPORT_BYTES}
      errorTitle={t('importErrors.title')}
      tooLargeMessage={(bytes) => describe({ code: 'too_large', bytes, max: MAX_IMPORT_BYTES })}
      unreadableMessage={t('importErrors.unreadable')}
      onPick={() => onImported(null)}
      onImport={onImport}
    />
  );
}
