'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Dialog, type DialogOwnerProps } from '@/components/ui/Dialog';
import { SHORTCUTS, comboLabel, detectPlatform, type Platform } from '@/lib/client/keyboard/shortcuts';
import { SHORTCUTS_DIALOG_ID } from './useShortcuts';

/** The list of shortcuts, with the keys named as this computer names them (⌘ on a Mac). */
export function ShortcutsDialog({ open, onClose }: DialogOwnerProps) {
  const t = useTranslations('shortcuts');
  const [platform] = useState<Platform>(() =>
    detectPlatform(navigator as Navigator & { userAgentData?: { platform?: string } }),
  );
  const names = {
    ctrl: t('keys.ctrl'),
    shift: t('keys.shift'),
    esc: t('keys.esc'),
    slash: t('keys.slash'),
    command: t('keys.command'),
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('title')}
      closeLabel={t('close')}
      closeTestId="shortcuts-close"
      layout="sm"
      id={SHORTCUTS_DIALOG_ID}
      data-testid="shortcuts-dialog"
    >
      <dl className="flex flex-col divide-y divide-zinc-200 text-sm dark:divide-zinc-700">
        {SHORTCUTS.map(({ id, combo }) => {
          const label = comboLabel(combo, platform, names);
          return (
            <div
              key={id}
              data-testid="shortcut"
              data-shortcut={id}
              className="flex items-center justify-between gap-4 py-2"
            >
              <dt>{t(`actions.${id}`)}</dt>
              <dd data-testid="shortcut-keys" className="flex shrink-0 gap-1">
                <span className="sr-only">{label.spoken}</span>
                {label.keys.map((k) => (
                  <kbd
                    key={k}
                    aria-hidden="true"
                    className="min-w-7 rounded-md border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-sans text-xs dark:border-zinc-600 dark:bg-zinc-800"
                  >
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('note')}</p>
    </Dialog>
  );
}
