'use client';

import { useTranslations } from 'next-intl';
import type { LocalizedPreset } from '@/lib/shared/presets/preset';
import { Button } from '@/components/ui/Button';

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
        <Button variant="primary" size="xs" data-testid="preset-apply" onClick={onApply}>
          {t('apply')}
        </Button>
        <Button size="xs" data-testid="preset-apply-new-chat" onClick={onApplyNewChat}>
          {t('applyNewChat')}
        </Button>
        <Button size="xs" data-testid="preset-duplicate" onClick={onDuplicate}>
          {t('duplicate')}
        </Button>
        {onEdit && (
          <Button size="xs" data-testid="preset-edit" onClick={onEdit}>
            {t('edit')}
          </Button>
        )}
        {onDelete && (
          <Button variant="danger" size="xs" data-testid="preset-delete" onClick={onDelete}>
            {t('delete')}
          </Button>
        )}
      </div>
    </li>
  );
}
