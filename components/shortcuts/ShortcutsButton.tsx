'use client';

import { Keyboard } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { openShortcutsDialog } from './shortcuts-dialog-store';

/** Opens the shortcuts dialog (also Ctrl/⌘ + /). */
export function ShortcutsButton() {
  const t = useTranslations('shortcuts');
  return (
    <button
      type="button"
      data-testid="shortcuts-open"
      aria-haspopup="dialog"
      onClick={openShortcutsDialog}
      className="mt-6 inline-flex min-h-11 items-center gap-2 self-start rounded-lg px-2 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 md:min-h-8"
    >
      <Keyboard size={16} aria-hidden />
      {t('open')}
    </button>
  );
}
