'use client';

import { useRef, useState, type ChangeEvent } from 'react';

interface JsonFileImportProps {
  /** Test id of the button; the file input is `${testId}-file`, the error `${testId}-error`. */
  testId: string;
  label: string;
  className: string;
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
  className,
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
      <button type="button" data-testid={testId} onClick={() => inputRef.current?.click()} className={className}>
        {label}
      </button>
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
        <div
          role="alert"
          data-testid={`${testId}-error`}
          className="w-full rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-medium">{errorTitle}</p>
          <p>{error}</p>
        </div>
      )}
    </>
  );
}
