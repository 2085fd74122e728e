'use client';

import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ShareDialog } from './ShareDialog';

export function ShareButton() {
  const t = useTranslations('share');
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid="share-open"
        aria-haspopup="dialog"
        aria-label={t('openLabel')}
        onClick={() => setOpen(true)}
        className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('open')}
      </button>
      <ShareDialog
        open={open}
        onClose={() => {
          setOpen(false);
          buttonRef.current?.focus();
        }}
      />
    </>
  );
}
