'use client';

import clsx from 'clsx';
import type { ReactNode, RefObject } from 'react';

interface SidePanelProps {
  id: string;
  title: string;
  /** Open as an overlay on narrow screens; from `alwaysFrom` up it is always shown in the layout. */
  open: boolean;
  alwaysFrom: 'md' | 'lg';
  side: 'left' | 'right';
  onClose: () => void;
  /** The toggle that opened it: focus returns there on Escape. */
  toggleRef: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}

export function SidePanel({ id, title, open, alwaysFrom, side, onClose, toggleRef, children }: SidePanelProps) {
  return (
    <aside
      id={id}
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        onClose();
        toggleRef.current?.focus();
      }}
      className={clsx(
        'w-full shrink-0 overflow-y-auto border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950',
        side === 'left' ? 'lg:border-r' : 'md:border-l',
        alwaysFrom === 'md' ? 'md:static md:block md:w-80' : 'lg:static lg:block lg:w-64',
        open ? 'absolute inset-0 z-20 block' : 'hidden',
      )}
    >
      <h2 className="mb-4 text-sm font-bold">{title}</h2>
      {children}
    </aside>
  );
}
