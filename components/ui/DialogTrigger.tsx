'use client';

import { useRef, useState, type ComponentType } from 'react';

export const headerButtonClass =
  'whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

interface DialogTriggerProps {
  testId: string;
  label: string;
  ariaLabel?: string;
  /** The dialog; its onClose returns focus to this button. */
  dialog: ComponentType<{ open: boolean; onClose: () => void }>;
}

/** A header button that opens a dialog and takes focus back when it closes. */
export function DialogTrigger({ testId, label, ariaLabel, dialog: Dialog }: DialogTriggerProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button ref={buttonRef} type="button" data-testid={testId} aria-haspopup="dialog" aria-label={ariaLabel} onClick={() => setOpen(true)} className={headerButtonClass}>
        {label}
      </button>
      <Dialog open={open} onClose={close} />
    </>
  );
}
