'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { ImportFileError } from '@/lib/client/validation/import-file';
import { Button, type ButtonSize } from './Button';
import { Notice } from './Notice';

interface JsonFileImportProps {
  /** Test id of the button; the file input is `${testId}-file`, the error `${testId}-error`. */
  testId: string;
  label: string;
  /** The size of its (secondary) button, as the tools beside it. */
  size: ButtonSize;
  maxBytes: number;
  errorTitle: string;
  tooLargeMessage: (bytes: number) => string;
  unreadableMessage: string;
  /** A file was chosen: what an earlier import said (its success note) no longer stands. */
  onPick?: () => void;
  /** Validates and imports the file's text; returns an error message, or null when imported. */
  onImport: (text: string) => Promise<string | null> | string | null;
}

/** A button that picks a JSON file, refuses an oversized one before reading it, and shows why an import failed. */
export function JsonFileImport({
  testId,
  label,
  size,
  maxBytes,
  errorTitle,
  tooLargeMessage,
  unreadableMessage,
  onPick,
  onImport,
}: JsonFileImportProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    onPick?.();
    if (file.size > maxBytes) return setError(tooLargeMessage(file.size));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setError(unreadableMessage);
    }
    setError(await onImport(text));
  }

  return (
    <>
      <Button size={size} data-testid={testId} onClick={() => inputRef.current?.click()}>
        {label}
      </Button>
      <input
        ref={inputRef}
        data-testid={`${testId}-file`}
        type="file"
        accept="application/json,.json"
        onChange={onFile}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
      />
      {error && (
        <Notice as="div" tone="error" size="lg" role="alert" data-testid={`${testId}-error`} className="w-full">
          <p className="font-medium">{errorTitle}</p>
          <p>{error}</p>
        </Notice>
      )}
    </>
  );
}

/**
 * Words an import file's error in the user's language (never the validator's text): the presets'
 * and the history's messages name the same codes. Sizes in `unit`s (1024: KB, 1024²: MB), the
 * file's rounded up or, with `decimals`, to one decimal.
 */
export function useImportErrorText(
  namespace: 'presets.importErrors' | 'history.importErrors',
  unit: number,
  decimals?: 1,
): (error: ImportFileError) => string {
  const t = useTranslations(namespace);
  return (error) => {
    switch (error.code) {
      case 'too_large': {
        const size = decimals ? (error.bytes / unit).toFixed(decimals) : Math.ceil(error.bytes / unit);
        return t('too_large', { size, max: error.max / unit });
      }
      case 'wrong_shape':
        // Another kind of file, a newer app's, or which item is damaged.
        return error.problem === 'bad_item' ? t('wrong_shape', { number: error.item ?? 1 }) : t(error.problem);
      case 'too_many':
        return t('too_many', { count: error.count, max: error.max });
      default:
        return t(error.code);
    }
  };
}
