'use client';

import { Keyboard } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { openShortcutsDialog } from './shortcuts-dialog-store';

/** Opens the shortcuts dialog (also Ctrl/⌘ + /). */
export function ShortcutsButton() {
  const t = useTranslations('shortcuts');
  return (
    <Button
      variant="ghost"
      data-testid="shortcuts-open"
      aria-haspopup="dialog"
      onClick={openShortcutsDialog}
      icon={<Keyboard size={16} aria-hidden />}
      className="mt-6 self-start text-zinc-700 dark:text-zinc-300"
    >
      {t('open')}
    </Button>
  );
}
