'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { X } from 'lucide-react';
import { headerButtonClass, ICON_PROPS } from '@/components/ui/header-styles';
import { SHORTCUTS, comboLabel, detectPlatform, type Platform } from '@/lib/client/keyboard/shortcuts';
import { SHORTCUTS_DIALOG_ID } from './useShortcuts';

interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
}

/** The list of shortcuts, with the keys named as this computer names them (⌘ on a Mac). */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  const t = useTranslations('shortcuts');
  const dialogRef = useRef<HTMLDialogElement>(null);
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

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      id={SHORTCUTS_DIALOG_ID}
      data-testid="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-zinc-900 backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex flex-col gap-3 p-4">
        <div className="flex items-center justify-between gap-2">
          <h2 id="shortcuts-title" className="text-lg font-bold">
            {t('title')}
          </h2>
          <button
            type="button"
            data-testid="shortcuts-close"
            aria-label={t('close')}
            title={t('close')}
            onClick={onClose}
            className={headerButtonClass}
          >
            <X {...ICON_PROPS} />
          </button>
        </div>
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
      </div>
    </dialog>
  );
}
