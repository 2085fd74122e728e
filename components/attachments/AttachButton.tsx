'use client';

import { useRef } from 'react';
import { Paperclip } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { IconButton } from '@/components/ui/Button';
import { addFiles } from '@/lib/client/attachments/pending';

/** The attach button beside the composer (44 px on phones) and the file input it opens. */
export function AttachButton({ disabled }: { disabled?: boolean }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <IconButton
        size="lg"
        data-testid="attach"
        label={t('attach')}
        icon={<Paperclip size={20} strokeWidth={2} aria-hidden />}
        aria-describedby="attach-hint"
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white"
      />
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
