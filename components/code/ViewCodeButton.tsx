'use client';

import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';

// The dialog and the snippet builders load on first open, not with the chat.
const ViewCodeDialog = dynamic(() => import('./ViewCodeDialog').then((m) => m.ViewCodeDialog), { ssr: false });

export function ViewCodeButton() {
  const t = useTranslations('viewCode');
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid="view-code"
        aria-haspopup="dialog"
        aria-label={t('openLabel')}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('open')}
      </button>
      {loaded && (
        <ViewCodeDialog
          open={open}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
