'use client';

import { useLocale, useTranslations } from 'next-intl';
import { PresetSelect } from '@/components/settings/PresetSelect';
import { SettingsFields } from '@/components/settings/SettingsFields';
import { modelLabel } from '@/lib/shared/model/profile';
import type { ChatSettings } from '@/lib/client/chat/types';
import { setTarget } from '@/lib/client/compare/compare-session';
import type { Locale } from '@/lib/shared/i18n/routing';
import { settingsForModel } from '@/lib/client/presets/active';
import { ColumnFrame } from './ColumnFrame';

/** A column before the comparison is sent: its model, a preset or its own sampling. */
export function SetupColumn({ index, settings, models }: { index: 0 | 1; settings: ChatSettings; models: string[] }) {
  const t = useTranslations('compare');
  const locale = useLocale() as Locale;
  // Another model: the default preset takes that model's own sampling and system prompt.
  const onChange = (next: ChatSettings) =>
    setTarget(index, next.model === settings.model ? next : settingsForModel(settings, next.model, locale));
  return (
    <ColumnFrame name={`${t('column', { number: index + 1 })} · ${modelLabel(settings.model)}`} model={settings.model}>
      <details open className="group">
        <summary className="cursor-pointer text-sm text-brand-600 dark:text-brand-100">{t('setup')}</summary>
        <div className="mt-3">
          <SettingsFields models={models} settings={settings} onChange={onChange} testIdPrefix="compare-">
            <PresetSelect settings={settings} onChange={onChange} testId="compare-preset-select" />
          </SettingsFields>
        </div>
      </details>
    </ColumnFrame>
  );
}
