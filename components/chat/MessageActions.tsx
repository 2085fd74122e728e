'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

const actionClass =
  'rounded px-2 py-1 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white';

export function MessageAction({
  testId,
  onClick,
  children,
  label,
}: {
  testId: string;
  onClick: () => void;
  children: ReactNode;
  label?: string;
}) {
  return (
    <button type="button" data-testid={testId} aria-label={label} onClick={onClick} className={actionClass}>
      {children}
    </button>
  );
}

/** Inline editor for an earlier user message: saving resends the conversation from there. */
export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('chat');
  return (
    <form
      className="flex w-full flex-col gap-2 sm:max-w-[85%]"
      onSubmit={(e) => {
        e.preventDefault();
        const text = new FormData(e.currentTarget).get('text');
        if (typeof text === 'string' && text.trim()) onSave(text);
      }}
    >
      <label className="sr-only" htmlFor="message-edit">
        {t('editLabel')}
      </label>
      <textarea
        id="message-edit"
        name="text"
        data-testid="message-edit-input"
        defaultValue={initial}
        rows={3}
        autoFocus
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        className="w-full rounded-xl border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex justify-end gap-2 text-sm">
        <button
          type="button"
          data-testid="message-edit-cancel"
          onClick={onCancel}
          className="rounded-lg border border-zinc-300 px-3 py-1 dark:border-zinc-700"
        >
          {t('editCancel')}
        </button>
        <button
          type="submit"
          data-testid="message-edit-save"
          className="rounded-lg bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
        >
          {t('editSave')}
        </button>
      </div>
    </form>
  );
}
