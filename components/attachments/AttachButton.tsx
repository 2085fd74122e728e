'use client';

import { useRef } from 'react';
import { Paperclip } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { addFiles } from '@/lib/client/attachments/pending';

/** The attach button beside the composer (44 px on phones) and the file input it opens. */
export function AttachButton({ disabled }: { disabled?: boolean }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        data-testid="attach"
        title={t('attach')}
        aria-label={t('attach')}
        aria-describedby="attach-hint"
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-xl text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white sm:h-10 sm:w-10"
      >
        <Paperclip size={20} strokeWidth={2} aria-hidden />
      </button>
      <span id="attach-hint" className="sr-only">
        {t('attachHint')}
      </span>
      <input
        ref={input}
        type="file"
        multiple
        data-testid="attach-input"
        tabIndex={-1}
        aria-hidden
        className="hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so choosing the same file again (after removing its chip) reads it again.
          e.target.value = '';
          if (files.length) void addFiles(files);
        }}
      />
    </>
  );
}
