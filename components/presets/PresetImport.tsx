'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslations } from 'next-intl';
import { importPresets, presetStore } from '@/lib/presets/preset-store';
import { MAX_IMPORT_BYTES, parsePresetFile, type ImportError } from '@/lib/presets/transfer';

const KB = 1024;

/** Imports a presets file: validated whole, never half-imported, colliding ids renamed. */
export function PresetImport({ className, onImported }: { className: string; onImported: (message: string) => void }) {
  const t = useTranslations('presets');
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  function describe(importError: ImportError | { code: 'unreadable' }): string {
    switch (importError.code) {
      case 'too_large':
        return t('importErrors.too_large', { size: Math.ceil(importError.bytes / KB), max: importError.max / KB });
      case 'wrong_shape':
        return t('importErrors.wrong_shape', { path: importError.path, message: importError.message });
      case 'too_many':
        return t('importErrors.too_many', { count: importError.count, max: importError.max });
      default:
        return t(`importErrors.${importError.code}`);
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    // Refuse a huge file before reading it into memory.
    if (file.size > MAX_IMPORT_BYTES) return setError(describe({ code: 'too_large', bytes: file.size, max: MAX_IMPORT_BYTES }));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setError(describe({ code: 'unreadable' }));
    }
    const parsed = parsePresetFile(text, presetStore.get().presets.length);
    if (!parsed.ok) return setError(describe(parsed.error));
    const { renamed } = importPresets(parsed.presets);
    const summary = t('importResult', { count: parsed.presets.length });
    onImported(renamed.length > 0 ? `${summary} ${t('importRenamed', { count: renamed.length })}` : summary);
  }

  return (
    <>
      <button type="button" data-testid="preset-import" onClick={() => inputRef.current?.click()} className={className}>
        {t('import')}
      </button>
      <input ref={inputRef} data-testid="preset-import-file" type="file" accept="application/json,.json" onChange={onFile} className="sr-only" tabIndex={-1} aria-hidden="true" />
      {error && (
        <div role="alert" data-testid="preset-import-error" className="w-full rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">{t('importErrors.title')}</p>
          <p>{error}</p>
        </div>
      )}
    </>
  );
}
