'use client';

import { useTranslations } from 'next-intl';
import { JsonFileImport } from '@/components/ui/JsonFileImport';
import { importPresets, presetStore } from '@/lib/client/presets/preset-store';
import { parsePresetFile } from '@/lib/client/presets/import-file';
import { MAX_IMPORT_BYTES, type ImportError } from '@/lib/client/presets/transfer';

const KB = 1024;

/** Imports a presets file: validated whole, never half-imported, colliding ids renamed. */
export function PresetImport({
  className,
  onImported,
}: {
  className: string;
  /** The note after an import; null when a new file is chosen (the last note no longer stands). */
  onImported: (message: string | null) => void;
}) {
  const t = useTranslations('presets');

  function describe(error: ImportError): string {
    switch (error.code) {
      case 'too_large':
        return t('importErrors.too_large', { size: Math.ceil(error.bytes / KB), max: error.max / KB });
      case 'wrong_shape':
        // In words, never the validator's text: another kind of file, a newer app's, or which item is damaged.
        return error.problem === 'bad_item'
          ? t('importErrors.wrong_shape', { number: error.item ?? 1 })
          : t(`importErrors.${error.problem}`);
      case 'too_many':
        return t('importErrors.too_many', { count: error.count, max: error.max });
      default:
        return t(`importErrors.${error.code}`);
    }
  }

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
      className={className}
      maxBytes={MAX_IMPORT_BYTES}
      errorTitle={t('importErrors.title')}
      tooLargeMessage={(bytes) => describe({ code: 'too_large', bytes, max: MAX_IMPORT_BYTES })}
      unreadableMessage={t('importErrors.unreadable')}
      onPick={() => onImported(null)}
      onImport={onImport}
    />
  );
}
