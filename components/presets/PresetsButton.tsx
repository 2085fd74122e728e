'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { hydratePresets } from '@/lib/presets/preset-store';
import { PresetsDialog } from './PresetsDialog';

/** Opens the presets panel; focus comes back here when it closes. */
export function PresetsButton() {
  const t = useTranslations('presets');
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => hydratePresets(), []);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid="presets-open"
        aria-haspopup="dialog"
        aria-label={t('openLabel')}
        onClick={() => setOpen(true)}
        className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('open')}
      </button>
      <PresetsDialog open={open} onClose={close} />
    </>
  );
}
