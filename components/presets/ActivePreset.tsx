'use client';

import { useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { settingsStore } from '@/lib/client/chat/chat-session';
import { findPreset, isPresetModified } from '@/lib/client/presets/active';
import { presetStore } from '@/lib/client/presets/preset-store';
import { localize } from '@/lib/shared/presets/preset';

/** The active preset in the chat header, marked when the prompt or parameters were changed. */
export function ActivePreset() {
  const t = useTranslations('presets');
  const locale = useLocale();
  // The server renders the deployment's defaults (ChatApp seeds them on both sides), as the browser
  // does while hydrating: a saved preset shows once this browser's settings are read, not sooner.
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const { presets } = useSyncExternalStore(presetStore.subscribe, presetStore.get, presetStore.get);
  const preset = findPreset(settings.presetId, presets);
  if (!preset) return null;
  const modified = isPresetModified(settings, preset);

  return (
    <p
      data-testid="active-preset"
      data-preset-id={preset.id}
      data-modified={modified}
      className="hidden shrink-0 whitespace-nowrap text-sm text-zinc-600 sm:block dark:text-zinc-300"
    >
      {t('active', { name: localize(preset.name, locale) })}
      {modified && (
        <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          {t('modified')}
        </span>
      )}
    </p>
  );
}
