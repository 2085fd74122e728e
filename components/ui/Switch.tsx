import clsx from 'clsx';
import type { ReactNode } from 'react';

interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  testId?: string;
  /** The id of the text that explains it. */
  describedBy?: string;
  className?: string;
}

/**
 * An on/off setting: a native checkbox with the switch role (keyboard, forms and screen readers
 * as the browser gives them) drawn as a track. The invisible checkbox covers the whole row, label
 * included, so the target is at least 44 px high on touch widths.
 */
export function Switch({ checked, onChange, label, testId, describedBy, className }: SwitchProps) {
  return (
    <label
      className={clsx(
        'relative inline-flex min-h-11 min-w-11 cursor-pointer items-center gap-2 text-sm font-medium sm:min-h-9',
        className,
      )}
    >
      <input
        type="checkbox"
        role="switch"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
        className="peer absolute inset-0 z-10 m-0 h-full w-full cursor-pointer opacity-0"
      />
      <span
        aria-hidden="true"
        className="relative h-5 w-9 shrink-0 rounded-full bg-zinc-300 transition-colors after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4 after:rounded-full after:bg-white after:shadow after:transition-transform peer-checked:bg-brand-600 peer-checked:after:translate-x-4 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500 dark:bg-zinc-600 dark:peer-checked:bg-brand-500"
      />
      <span>{label}</span>
    </label>
  );
}
