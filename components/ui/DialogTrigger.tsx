'use client';

import { Suspense, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { returnFocus } from '@/lib/client/browser/focus';
import { useHeaderItemClass, useHeaderLabelClass } from './header-place';

export type DialogComponent = ComponentType<{ open: boolean; onClose: () => void }>;

interface DialogTriggerProps {
  testId: string;
  label: string;
  ariaLabel?: string;
  icon?: ReactNode;
  /** The dialog (usually React.lazy); its onClose returns focus to this button. */
  dialog: DialogComponent;
  /**
   * Starts loading a lazy dialog: called when the pointer or focus reaches the button. The
   * dialog is rendered from its first opening on (and kept, so it keeps its state).
   */
  preload?: () => unknown;
}

/**
 * A header button that opens a dialog and takes focus back when it closes. The dialog is rendered
 * into <body>: on phones the button sits in the overflow menu, which closes (is hidden) as the
 * dialog opens; focus then goes back to the menu's button.
 */
export function DialogTrigger({ testId, label, ariaLabel, icon, dialog: Dialog, preload }: DialogTriggerProps) {
  const itemClass = useHeaderItemClass();
  const labelClass = useHeaderLabelClass();
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    returnFocus(buttonRef.current);
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        aria-haspopup="dialog"
        aria-label={ariaLabel}
        // The label is its tooltip too: in a narrow header row only the icon shows.
        title={label}
        onPointerEnter={() => preload?.()}
        onFocus={() => preload?.()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
        className={itemClass}
      >
        {icon}
        <span className={labelClass}>{label}</span>
      </button>
      {mounted &&
        createPortal(
          <Suspense fallback={null}>
            <Dialog open={open} onClose={close} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
