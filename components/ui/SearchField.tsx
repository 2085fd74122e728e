import { TOUCH_FIELD } from './Button';

interface SearchFieldProps {
  id: string;
  testId: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

/** A search box with a label for screen readers, as used by the presets and history lists. */
export function SearchField({ id, testId, label, placeholder, value, onChange }: SearchFieldProps) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className={`w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${TOUCH_FIELD}`}
      />
    </>
  );
}
