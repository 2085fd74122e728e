'use client';

import { memo, useId, useMemo, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { serverSettings, settingsStore } from '@/lib/client/chat/chat-session';
import { compareStore } from '@/lib/client/compare/compare-store';
import { modelTitlesStore } from '@/lib/client/chat/history';
import { Switch } from '@/components/ui/Switch';
import { SettingsFields } from './SettingsFields';

/**
 * Memoized: ChatApp renders again for every streamed update; the panel only follows its stores.
 * In compare mode each column has its own model, sampling and system prompt, and the picked
 * column's become the chat's: the panel's own would apply to nothing, so it says so instead of
 * showing them beside the columns'.
 */
export const SettingsPanel = memo(function SettingsPanel({
  models,
  modelTitles,
}: {
  models: string[];
  /** The deployment lets the model title conversations (SWALLOW_MODEL_TITLES): the user's switch shows. */
  modelTitles: boolean;
}) {
  const t = useTranslations('settings');
  const asServerRendered = useMemo(() => serverSettings(models), [models]);
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, asServerRendered);
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
  return (
    <div className="flex flex-col gap-5">
      <SettingsFields models={models} settings={settings} onChange={settingsStore.set} />
      {modelTitles && <ModelTitlesSetting />}
    </div>
  );
});

/** The user's switch for titles written by the model (issue #37); stored in this browser. */
function ModelTitlesSetting() {
  const t = useTranslations('settings');
  const id = useId();
  const on = useSyncExternalStore(modelTitlesStore.subscribe, modelTitlesStore.get, () => true);
  return (
    <div className="flex flex-col gap-1">
      <Switch
        testId="model-titles"
        checked={on}
        onChange={modelTitlesStore.set}
        label={t('modelTitles')}
        describedBy={`${id}-hint`}
        className="self-start"
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('modelTitlesHint')}
      </p>
    </div>
  );
}
