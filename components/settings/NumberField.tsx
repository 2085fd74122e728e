'use client';

import { useId, useState } from 'react';

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

/** A number input that keeps what the user types and commits only in-range values. */
export function NumberField({ label, value, min, max, step, integer, testId, onChange }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const parsed = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    parsed <= max &&
    (!integer || Number.isInteger(parsed));

  // Follow outside changes (reset, reload) without clobbering what is being typed ("0." → 0).
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    if (parsed !== value) setText(String(value));
  }

  return (
    <div className="flex items-center justify-between gap-3">
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== '' && next >= min && next <= max && (!integer || Number.isInteger(next)))
            onChange(next);
        }}
        onBlur={() => setText(String(value))}
        className="w-24 rounded-lg border border-zinc-300 bg-white px-2 py-1 text-right text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </div>
  );
}
