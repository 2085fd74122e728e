'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import { EllipsisVertical } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { headerButtonClass, ICON_PROPS } from '@/components/ui/header-styles';
import { FOCUS_FALLBACK_ATTRIBUTE } from '@/lib/browser/focus';

const TOGGLE_ID = 'header-menu-toggle';

/**
 * The header's less used controls. Below `lg` they are behind one button (a disclosure: Escape or
 * a tap elsewhere closes it, focus moves into it when it opens and back to the button when it
 * closes); from `lg` up the same controls stand in the header row. One set of controls, so each
 * test id exists once.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const t = useTranslations('app');
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>('button, a[href], select')?.focus();
    function onPointerDown(e: PointerEvent) {
      const target = e.target as Node;
      if (panelRef.current?.contains(target) || toggleRef.current?.contains(target)) return;
      setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggleRef.current?.focus();
  }

  return (
    <>
      <button
        ref={toggleRef}
        id={TOGGLE_ID}
        type="button"
        data-testid="header-menu-toggle"
        aria-expanded={open}
        aria-controls="header-menu"
        aria-label={t('more')}
        title={t('more')}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onKeyDown}
        className={clsx(headerButtonClass, 'lg:hidden')}
      >
        <EllipsisVertical {...ICON_PROPS} />
      </button>
      <div
        ref={panelRef}
        id="header-menu"
        data-testid="header-menu"
        {...{ [FOCUS_FALLBACK_ATTRIBUTE]: TOGGLE_ID }}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          // A chosen item closes the menu (the language select stays open until it is changed).
          const item = (e.target as Element).closest('button, a');
          if (open && item && panelRef.current?.contains(item)) setOpen(false);
        }}
        className={clsx(
          open ? 'flex' : 'hidden',
          'absolute right-2 top-full z-30 mt-1 w-64 max-w-[calc(100vw-1rem)] flex-col gap-0.5 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900',
          'lg:static lg:z-auto lg:mt-0 lg:flex lg:w-auto lg:max-w-none lg:flex-row lg:items-center lg:gap-2 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none lg:dark:bg-transparent',
        )}
      >
        {children}
      </div>
    </>
  );
}
