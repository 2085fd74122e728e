'use client';

import { Suspense, useRef, useState, type ComponentType } from 'react';

export const headerButtonClass =
  'whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

export type DialogComponent = ComponentType<{ open: boolean; onClose: () => void }>;

interface DialogTriggerProps {
  testId: string;
  label: string;
  ariaLabel?: string;
  /** The dialog (usually React.lazy); its onClose returns focus to this button. */
  dialog: DialogComponent;
  /**
   * Starts loading a lazy dialog: called when the pointer or focus reaches the button. The
   * dialog is rendered from its first opening on (and kept, so it keeps its state).
   */
  preload?: () => unknown;
}

/** A header button that opens a dialog and takes focus back when it closes. */
export function DialogTrigger({ testId, label, ariaLabel, dialog: Dialog, preload }: DialogTriggerProps) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        aria-haspopup="dialog"
        aria-label={ariaLabel}
        onPointerEnter={() => preload?.()}
        onFocus={() => preload?.()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
        className={headerButtonClass}
      >
        {label}
      </button>
      {mounted && (
        <Suspense fallback={null}>
          <Dialog open={open} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
