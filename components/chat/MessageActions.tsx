'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';

/** A message's actions: 44 px icons on phones (the label is their name and tooltip), icon and label from `sm` up. */
export const messageActionClass =
  'inline-flex h-11 min-w-11 items-center justify-center gap-1 rounded-lg px-2 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white sm:h-7 sm:min-w-0';
export const messageActionLabelClass = 'sr-only sm:not-sr-only';
export const MESSAGE_ICON_PROPS = { size: 14, strokeWidth: 2, 'aria-hidden': true } as const;

export function MessageAction({
  testId,
  onClick,
  icon,
  children,
}: {
  testId: string;
  onClick: () => void;
  icon: ReactNode;
  /** The visible label, and so the accessible name (shown as a tooltip where only the icon is). */
  children: string;
}) {
  return (
    <button type="button" data-testid={testId} title={children} onClick={onClick} className={messageActionClass}>
      {icon}
      <span className={messageActionLabelClass}>{children}</span>
    </button>
  );
}

/** Inline editor for an earlier user message: saving resends the conversation from there. */
export function MessageEditor({
  initial,
  laterCount,
  onSave,
  onCancel,
}: {
  initial: string;
  /** Messages after this one: saving replaces them, which the editor says before it is saved. */
  laterCount: number;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('chat');
  const warningId = useId();
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
        aria-describedby={laterCount > 0 ? warningId : undefined}
        className="w-full rounded-xl border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {laterCount > 0 && (
        <p
          id={warningId}
          data-testid="message-edit-warning"
          className="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-50"
        >
          {t('editReplaces', { count: laterCount })}
        </p>
      )}
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
