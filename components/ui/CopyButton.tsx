'use client';

import { useEffect, useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button, type ButtonVariant } from './Button';

interface CopyButtonProps {
  text: () => string;
  label: string;
  copiedLabel: string;
  testId?: string;
  /** `ghost` (a quiet action in a bar) unless given. */
  variant?: ButtonVariant;
  className?: string;
  /** A copy icon (a check once copied) before the label, which is then its tooltip too. */
  withIcon?: boolean;
  labelClassName?: string;
}

/** Copies text to the clipboard and says so for two seconds (visibly and to screen readers). */
export function CopyButton({
  text,
  label,
  copiedLabel,
  testId,
  variant = 'ghost',
  className,
  withIcon,
  labelClassName,
}: CopyButtonProps) {
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
    <Button
      variant={variant}
      size="xs"
      onClick={copy}
      data-testid={testId}
      aria-label={copied ? copiedLabel : label}
      title={withIcon ? label : undefined}
      icon={withIcon && (copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />)}
      className={className}
    >
      <span aria-hidden="true" className={labelClassName}>
        {copied ? copiedLabel : label}
      </span>
    </Button>
  );
}
