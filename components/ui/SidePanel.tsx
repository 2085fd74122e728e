'use client';

import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import clsx from 'clsx';
import { SlidersHorizontal, X } from 'lucide-react';
import { returnFocus } from '@/lib/client/browser/focus';
import { IconButton, ICON_PROPS } from './Button';

interface SidePanelProps {
  id: string;
  title: string;
  /** The close button's name (shown as a drawer on narrow screens only, or always when `remembered`). */
  closeLabel: string;
  /** Open as a drawer over the chat on narrow screens; from `alwaysFrom` up it is always shown in the layout. */
  open: boolean;
  /**
   * Where it becomes a column: `lg` (shown unless `collapsed`), or `remembered`: from `md` up,
   * shown or hidden as the person left it (app/globals.css `settings-column`), with its close
   * button kept at every width.
   */
  alwaysFrom: 'md' | 'lg' | 'remembered';
  /** Hidden from `alwaysFrom` up too (the person chose so). */
  collapsed?: boolean;
  side: 'left' | 'right';
  onClose: () => void;
  /**
   * `remembered` only: the column closed leaves a rail at the layout's edge with one button that
   * opens it again (as Open WebUI's and AI Studio's side panels), so the header stays as it is.
   */
  reopenLabel?: string;
  onReopen?: () => void;
  /** The toggle that opened it: focus returns there on close (or to the menu holding it). */
  toggleRef: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}

export function SidePanel(props: SidePanelProps) {
  const { id, title, closeLabel, open, alwaysFrom, collapsed, side, onClose, toggleRef, children } = props;
  const { reopenLabel, onReopen } = props;
  const closeRef = useRef<HTMLButtonElement>(null);
  const railRef = useRef<HTMLButtonElement>(null);
  // Opened as a drawer: focus moves into it (onto its close button, hidden where the panel is static).
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  function close() {
    onClose();
    // A column closed: focus goes to the rail's button that reopens it (shown at once); a drawer: to its toggle.
    const rail = railRef.current;
    returnFocus(rail?.offsetParent ? rail : toggleRef.current);
  }

  function reopen() {
    onReopen?.();
    closeRef.current?.focus();
  }

  const remembered = alwaysFrom === 'remembered';
  return (
    <>
      <aside
        id={id}
        data-testid={id}
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !open) return;
          close();
        }}
        className={clsx(
          'w-full shrink-0 overflow-y-auto border-zinc-200 bg-white p-4 pb-[max(1rem,env(safe-area-inset-bottom))] dark:border-zinc-800 dark:bg-zinc-950',
          side === 'left' ? 'lg:border-r' : 'md:border-l',
          alwaysFrom === 'remembered'
            ? 'settings-column:static settings-column:block settings-column:w-80'
            : collapsed
              ? alwaysFrom === 'md'
                ? 'md:hidden'
                : 'lg:hidden'
              : alwaysFrom === 'md'
                ? 'md:static md:block md:w-80'
                : 'lg:static lg:block lg:w-64',
          open ? 'absolute inset-0 z-20 block' : 'hidden',
        )}
      >
        <div className="mb-4 flex items-center justify-between gap-2">
          <h2 className="text-sm font-bold">{title}</h2>
          <IconButton
            ref={closeRef}
            variant="header"
            data-testid={`${id}-close`}
            label={closeLabel}
            icon={<X {...ICON_PROPS} />}
            onClick={close}
            className={clsx('-my-2', alwaysFrom === 'md' ? 'md:hidden' : alwaysFrom === 'lg' ? 'lg:hidden' : undefined)}
          />
        </div>
        {children}
      </aside>
      {remembered && reopenLabel && (
        <div className="hidden shrink-0 flex-col items-center border-l border-zinc-200 p-1 dark:border-zinc-800 md:flex settings-column:hidden">
          <IconButton
            ref={railRef}
            variant="header"
            data-testid={`${id}-open`}
            aria-controls={id}
            aria-expanded={false}
            label={reopenLabel}
            icon={<SlidersHorizontal {...ICON_PROPS} />}
            onClick={reopen}
          />
        </div>
      )}
    </>
  );
}
