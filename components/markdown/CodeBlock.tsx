'use client';

import type { ComponentPropsWithoutRef, ReactElement } from 'react';
import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/CopyButton';

/** A fenced code block: language label, highlighted code (lib/client/markdown/highlight.ts), copy button. */
export function CodeBlock({ children, ...props }: ComponentPropsWithoutRef<'pre'>) {
  const t = useTranslations('markdown');
  const preRef = useRef<HTMLPreElement>(null);
  const child = children as ReactElement<{ className?: string }> | undefined;
  const language = /language-([\w+-]+)/.exec(child?.props?.className ?? '')?.[1];

  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700" data-testid="code-block">
      <div className="flex items-center justify-between bg-zinc-100 px-3 py-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        <span>{language ?? 'text'}</span>
        <CopyButton
          text={() => preRef.current?.innerText ?? ''}
          label={t('copyCode')}
          copiedLabel={t('copied')}
          testId="copy-code"
        />
      </div>
      <pre ref={preRef} {...props} className="overflow-x-auto bg-zinc-50 p-3 font-mono text-sm dark:bg-zinc-900">
        {children}
      </pre>
    </div>
  );
}
