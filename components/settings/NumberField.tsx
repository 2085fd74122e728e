'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  testId: string;
  onChange: (value: number) => void;
}

const inRange = (text: string, min: number, max: number, integer?: boolean) => {
  const parsed = Number(text);
  return (
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    parsed <= max &&
    (!integer || Number.isInteger(parsed))
  );
};

/**
 * A number input that keeps what the user types and commits only in-range values. A value out of
 * range is not changed behind the user's back: it stays as typed, marked, with the allowed range
 * and the value still in use said under it, until it is corrected.
 */
export function NumberField({ label, value, min, max, step, integer, testId, onChange }: NumberFieldProps) {
  const t = useTranslations('settings');
  const id = useId();
  const [text, setText] = useState(String(value));
  const valid = inRange(text, min, max, integer);

  // Follow outside changes (reset, reload) without clobbering what is being typed ("0." → 0).
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    if (Number(text) !== value) setText(String(value));
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
        <input
          id={id}
          data-testid={testId}
          type="number"
          inputMode={integer ? 'numeric' : 'decimal'}
          min={min}
          max={max}
          step={step}
          value={text}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : `${id}-range`}
          onChange={(e) => {
            setText(e.target.value);
            if (inRange(e.target.value, min, max, integer)) onChange(Number(e.target.value));
          }}
          // A good value is shown as it is kept ("0.50" → "0.5"); a bad one stays, with its message.
          onBlur={() => valid && setText(String(value))}
          className="h-11 w-24 shrink-0 rounded-lg border border-zinc-300 bg-white px-2 text-right text-base aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 sm:h-8 sm:text-sm"
        />
      </div>
      {!valid && (
        <p id={`${id}-range`} data-testid={`${testId}-range`} className="text-xs text-red-700 dark:text-red-300">
          {t(integer ? 'outOfRangeInteger' : 'outOfRange', { min, max, value })}
        </p>
      )}
    </div>
  );
}
