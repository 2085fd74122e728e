'use client';

import { memo, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { defaultSettings, settingsStore } from '@/lib/client/chat/settings-store';
import { compareStore } from '@/lib/client/compare/compare-store';
import { SettingsFields } from './SettingsFields';

/**
 * Memoized: ChatApp renders again for every streamed update; the panel only follows its stores.
 * In compare mode each column has its own model, sampling and system prompt, and the picked
 * column's become the chat's: the panel's own would apply to nothing, so it says so instead of
 * showing them beside the columns'.
 */
export const SettingsPanel = memo(function SettingsPanel({ models }: { models: string[] }) {
  const t = useTranslations('settings');
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, () => defaultSettings(models));
  const comparing = useSyncExternalStore(
    compareStore.subscribe,
    () => compareStore.get().open || compareStore.get().run !== null,
    () => false,
  );
  if (comparing) {
    return (
      <p
        data-testid="settings-compare-note"
        className="rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
      >
        {t('compareNote')}
      </p>
    );
  }
  return <SettingsFields models={models} settings={settings} onChange={settingsStore.set} />;
});
