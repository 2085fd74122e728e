'use client';

import { useId, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { ChatSettings } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';
import { applyPreset, findPreset } from '@/lib/client/presets/active';
import { BUILTIN_PRESETS, localize } from '@/lib/shared/presets/preset';
import { presetStore } from '@/lib/client/presets/preset-store';
import { fieldClass } from './SettingsFields';

/** Applies a built-in or saved preset (prompt and sampling) to one set of settings. */
export function PresetSelect({
  settings,
  onChange,
  testId,
}: {
  settings: ChatSettings;
  onChange: (next: ChatSettings) => void;
  testId: string;
}) {
  const t = useTranslations('presets');
  const locale = useLocale() as Locale;
  const id = useId();
  const { presets } = useSyncExternalStore(presetStore.subscribe, presetStore.get, presetStore.get);
  const all = [...BUILTIN_PRESETS, ...presets];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {t('title')}
      </label>
      <select
        id={id}
        data-testid={testId}
        value={findPreset(settings.presetId, presets) ? (settings.presetId ?? '') : ''}
        onChange={(e) => {
          const preset = findPreset(e.target.value, presets);
          if (preset) onChange(applyPreset(settings, preset, locale));
        }}
        className={fieldClass}
      >
        <option value="" disabled>
          {t('noneActive')}
        </option>
        {all.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {localize(preset.name, locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
