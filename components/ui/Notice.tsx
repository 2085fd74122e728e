import clsx from 'clsx';
import { X } from 'lucide-react';
import type { HTMLAttributes, ReactNode, Ref } from 'react';
import { Button, IconButton } from './Button';

/**
 * `info`: something to know (grey). `warning`: something that may go wrong (amber). `error`:
 * something that went wrong (red). `brand`: an outcome (the compare pick).
 */
export type NoticeTone = 'info' | 'warning' | 'error' | 'brand';

const TONE: Record<NoticeTone, string> = {
  info: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100',
  warning: 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50',
  error: 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100',
  brand: 'bg-brand-50 text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50',
};
const BORDER: Record<NoticeTone, string> = {
  info: 'border-zinc-300 dark:border-zinc-700',
  warning: 'border-amber-300 dark:border-amber-800',
  error: 'border-red-300 dark:border-red-800',
  brand: 'border-brand-100 dark:border-brand-700',
};
/** `sm`: a line among controls (text-xs). `md`: a note in the page. `lg`: a framed block with a heading or actions. */
const SIZE = {
  sm: 'rounded-lg px-3 py-1.5 text-xs',
  md: 'rounded-lg px-3 py-2 text-sm',
  lg: 'rounded-xl border p-4 text-sm',
} as const;

interface NoticeProps extends HTMLAttributes<HTMLElement> {
  tone?: NoticeTone;
  size?: keyof typeof SIZE;
  /** The element: a paragraph, or a block of several. */
  as?: 'p' | 'div' | 'section';
  /** After the text, on its line: an undo. */
  action?: ReactNode;
  /** A close button at the end of the line, named `dismissLabel`. */
  onDismiss?: () => void;
  dismissLabel?: string;
  ref?: Ref<HTMLElement>;
}

/**
 * The app's one notice: a coloured note in the flow of the page. Its role (status, alert, note)
 * and test id are the caller's: what it says decides how a screen reader should hear it.
 */
export function Notice({
  tone = 'info',
  size = 'md',
  as: Element = 'p',
  action,
  onDismiss,
  dismissLabel,
  className,
  children,
  ref,
  ...props
}: NoticeProps) {
  const inline = action !== undefined || onDismiss !== undefined;
  return (
    <Element
      // Any of the three elements: typed as the one they share.
      ref={ref as Ref<HTMLParagraphElement & HTMLDivElement>}
      className={clsx(
        TONE[tone],
        SIZE[size],
        size === 'lg' && BORDER[tone],
        inline && 'flex flex-wrap items-center gap-x-2',
        className,
      )}
      {...props}
    >
      {inline ? <span className={clsx(onDismiss && 'flex-1')}>{children}</span> : children}
      {action}
      {onDismiss && dismissLabel && (
        <IconButton label={dismissLabel} icon={<X size={16} aria-hidden />} onClick={onDismiss} className="-my-2" />
      )}
    </Element>
  );
}

export interface UndoableNote {
  text: string;
  undo?: () => void;
}

interface UndoNoticeProps {
  /** What was just done, with its undo while it can be undone; null: nothing to say. */
  note: UndoableNote | null;
  testId: string;
  undoTestId: string;
  undoLabel: string;
  size?: 'sm' | 'md';
  className?: string;
}

/**
 * "Deleted …" with an Undo, in a polite live region that is always there (so the text is read out
 * when it appears) and takes no room while empty.
 */
export function UndoNotice({ note, testId, undoTestId, undoLabel, size = 'md', className }: UndoNoticeProps) {
  return (
    <div role="status" aria-live="polite" className={clsx('empty:hidden', className)}>
      {note && (
        <Notice
          data-testid={testId}
          size={size}
          action={
            note.undo && (
              <Button variant="link" size={size === 'sm' ? 'xs' : 'sm'} data-testid={undoTestId} onClick={note.undo}>
                {undoLabel}
              </Button>
            )
          }
        >
          {note.text}
        </Notice>
      )}
    </div>
  );
}
