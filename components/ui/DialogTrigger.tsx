'use client';

import { Suspense, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { returnFocus } from '@/lib/client/browser/focus';
import { Button } from './Button';
import type { DialogOwnerProps } from './Dialog';
import { HeaderButton } from './HeaderButton';

/** Renders the dialog (usually a React.lazy component) with these two props. */
export type RenderDialog = (props: DialogOwnerProps) => ReactNode;

interface DialogTriggerProps {
  testId: string;
  label: string;
  ariaLabel?: string;
  icon: ReactNode;
  /** The dialog; its onClose returns focus to this button. */
  dialog: RenderDialog;
  /**
   * Starts loading a lazy dialog: called when the pointer or focus reaches the button. The
   * dialog is rendered from its first opening on (and kept, so it keeps its state).
   */
  preload?: () => unknown;
  /** In content (a compare column) instead of the header: a small button with its label written. */
  inline?: boolean;
}

/**
 * A button that opens a dialog and takes focus back when it closes; in the header (HeaderButton)
 * unless `inline`. The dialog is rendered into <body>: on phones the button sits in the overflow
 * menu, which closes (is hidden) as the dialog opens; focus then goes back to the menu's button.
 */
export function DialogTrigger({ testId, label, ariaLabel, icon, dialog, preload, inline }: DialogTriggerProps) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    returnFocus(buttonRef.current);
  };
  const buttonProps = {
    ref: buttonRef,
    'data-testid': testId,
    'aria-haspopup': 'dialog',
    'aria-label': ariaLabel,
    title: label,
    onPointerEnter: () => preload?.(),
    onFocus: () => preload?.(),
    onClick: () => {
      setMounted(true);
      setOpen(true);
    },
  } as const;
  return (
    <>
      {inline ? (
        <Button size="xs" icon={icon} className="shrink-0" {...buttonProps}>
          {label}
        </Button>
      ) : (
        // The label is its tooltip too: in a narrow header row only the icon shows.
        <HeaderButton icon={icon} label={label} {...buttonProps} />
      )}
      {mounted &&
        createPortal(
          <Suspense fallback={null}>
            <Rendered render={dialog} open={open} onClose={close} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}

function Rendered({ render, ...props }: DialogOwnerProps & { render: RenderDialog }) {
  return render(props);
}
