'use client';

import { useEffect, useState } from 'react';
import clsx from 'clsx';
import { Check, Copy } from 'lucide-react';
import { TOUCH_TARGET } from './touch';

interface CopyButtonProps {
  text: () => string;
  label: string;
  copiedLabel: string;
  testId?: string;
  className?: string;
  /** A copy icon (a check once copied) before the label; `className` then gives the whole look. */
  withIcon?: boolean;
  labelClassName?: string;
}

const textButtonClass = `rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-700 dark:hover:text-white ${TOUCH_TARGET}`;

/** Copies text to the clipboard and says so for two seconds (visibly and to screen readers). */
export function CopyButton({ text, label, copiedLabel, testId, className, withIcon, labelClassName }: CopyButtonProps) {
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
      title={withIcon ? label : undefined}
      className={clsx(!withIcon && textButtonClass, className)}
    >
      {withIcon && (copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />)}
      <span aria-hidden="true" className={labelClassName}>
        {copied ? copiedLabel : label}
      </span>
    </button>
  );
}
