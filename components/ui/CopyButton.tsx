'use client';

import { useEffect, useState } from 'react';
import clsx from 'clsx';

interface CopyButtonProps {
  text: () => string;
  label: string;
  copiedLabel: string;
  testId?: string;
  className?: string;
}

/** Copies text to the clipboard and says so for two seconds (visibly and to screen readers). */
export function CopyButton({ text, label, copiedLabel, testId, className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      data-testid={testId}
      aria-label={copied ? copiedLabel : label}
      className={clsx(
        'rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-700 dark:hover:text-white',
        className,
      )}
    >
      <span aria-hidden="true">{copied ? copiedLabel : label}</span>
    </button>
  );
}
