'use client';

import { useEffect, useEffectEvent, useId, useRef, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import { X } from 'lucide-react';
import { IconButton, ICON_PROPS } from './Button';

/**
 * `sm`, `md`, `lg`: centred, up to 28, 36 or 48 rem wide. `sheet`: a bottom sheet on phones, a
 * full-height panel at the right from `sm` up.
 */
export type DialogLayout = 'sm' | 'md' | 'lg' | 'sheet';

const FRAME = 'bg-white p-0 text-zinc-900 backdrop:bg-black/40 dark:bg-zinc-950 dark:text-zinc-100';
const LAYOUT: Record<DialogLayout, string> = {
  sm: 'm-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl',
  md: 'm-auto w-[min(36rem,calc(100%-2rem))] rounded-2xl',
  lg: 'm-auto w-[min(48rem,calc(100%-1rem))] rounded-2xl',
  sheet:
    'fixed inset-x-0 bottom-0 top-auto m-0 max-h-[85dvh] w-full max-w-none overflow-y-auto rounded-t-2xl sm:inset-y-0 sm:left-auto sm:right-0 sm:h-dvh sm:max-h-dvh sm:max-w-md sm:rounded-none',
};

/** What a dialog's owner gives it: DialogTrigger, or a store (the shortcuts). */
export interface DialogOwnerProps {
  open: boolean;
  onClose: () => void;
}

interface DialogProps extends Omit<HTMLAttributes<HTMLDialogElement>, 'title' | 'onClose'> {
  open: boolean;
  /** Closed by its button, Escape or a click beside it: the owner sets `open` false and returns focus. */
  onClose: () => void;
  /** Its heading, and so its name. */
  title: ReactNode;
  /** The close button's name (and tooltip). */
  closeLabel: string;
  /** The close button's test id (`${data-testid}-close` unless given). */
  closeTestId?: string;
  /** Called as it opens, before it is shown (to take a snapshot of what it shows). */
  onOpen?: () => void;
  layout?: DialogLayout;
  children: ReactNode;
}

/**
 * A modal dialog on the browser's own <dialog>: shown with showModal(), so the page behind is
 * inert (focus stays inside), Escape closes it and it stands in the top layer. A header with the
 * title and a close button; a click on the backdrop closes it too.
 */
export function Dialog({
  open,
  onClose,
  title,
  closeLabel,
  closeTestId,
  onOpen,
  layout = 'md',
  className,
  children,
  ...props
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opening = useEffectEvent(() => onOpen?.());

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opening();
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A click on the backdrop: the target is the dialog itself, outside its box (not its scrollbar).
  function onBackdropClick(e: MouseEvent<HTMLDialogElement>) {
    if (e.target !== e.currentTarget) return;
    const box = e.currentTarget.getBoundingClientRect();
    const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
    if (!inside) e.currentTarget.close();
  }

  const testId = (props as { 'data-testid'?: string })['data-testid'];
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={onBackdropClick}
      className={clsx(FRAME, LAYOUT[layout], className)}
      {...props}
    >
      <div className="flex flex-col gap-4 p-4 sm:p-5">
        <div className="flex items-center justify-between gap-2">
          <h2 id={titleId} className="text-lg font-bold">
            {title}
          </h2>
          <IconButton
            variant="header"
            data-testid={closeTestId ?? (testId && `${testId}-close`)}
            label={closeLabel}
            icon={<X {...ICON_PROPS} />}
            // Closing the element fires its close event: onClose runs once, as for Escape.
            onClick={() => dialogRef.current?.close()}
          />
        </div>
        {children}
      </div>
    </dialog>
  );
}
