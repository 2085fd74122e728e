'use client';

import { useTranslations } from 'next-intl';
import type { LocalizedPreset } from '@/lib/shared/presets/preset';
import { TOUCH_TARGET } from '@/components/ui/touch';

interface PresetItemProps {
  preset: LocalizedPreset;
  builtin: boolean;
  active: boolean;
  onApply: () => void;
  onApplyNewChat: () => void;
  onDuplicate: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
}

const actionClass = `rounded-lg border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 ${TOUCH_TARGET}`;

export function PresetItem({
  preset,
  builtin,
  active,
  onApply,
  onApplyNewChat,
  onDuplicate,
  onEdit,
  onDelete,
}: PresetItemProps) {
  const t = useTranslations('presets');
  const titleId = `preset-${preset.id}-name`;
  return (
    <li
      data-testid="preset-item"
      data-preset-id={preset.id}
      aria-labelledby={titleId}
      className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h4 id={titleId} className="font-medium">
          {preset.name}
        </h4>
        {builtin && (
          <span className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            {t('builtinBadge')}
          </span>
        )}
        {active && (
          <span className="rounded bg-brand-100 px-1.5 text-xs text-brand-700 dark:bg-brand-700 dark:text-white">
            {t('activeBadge')}
          </span>
        )}
      </div>
      {preset.description && <p className="text-sm text-zinc-600 dark:text-zinc-300">{preset.description}</p>}
      <details className="text-xs text-zinc-500 dark:text-zinc-400">
        <summary className="cursor-pointer max-sm:py-3.5">{t('params', preset.params)}</summary>
        <p className="mt-1 whitespace-pre-wrap rounded bg-zinc-50 p-2 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
          {preset.systemPrompt}
        </p>
      </details>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          data-testid="preset-apply"
          onClick={onApply}
          className={`rounded-lg bg-brand-600 px-2 py-1 text-xs font-medium text-white hover:bg-brand-700 ${TOUCH_TARGET}`}
        >
          {t('apply')}
        </button>
        <button type="button" data-testid="preset-apply-new-chat" onClick={onApplyNewChat} className={actionClass}>
          {t('applyNewChat')}
        </button>
        <button type="button" data-testid="preset-duplicate" onClick={onDuplicate} className={actionClass}>
          {t('duplicate')}
        </button>
        {onEdit && (
          <button type="button" data-testid="preset-edit" onClick={onEdit} className={actionClass}>
            {t('edit')}
          </button>
        )}
        {onDelete && (
          <button
            type="button"
            data-testid="preset-delete"
            onClick={onDelete}
            className={`${actionClass} text-red-700 dark:text-red-300`}
          >
            {t('delete')}
          </button>
        )}
      </div>
    </li>
  );
}
