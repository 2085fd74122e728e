'use client';

import { memo, useSyncExternalStore } from 'react';
import { defaultSettings, settingsStore } from '@/lib/chat/settings-store';
import { SettingsFields } from './SettingsFields';

/** Memoized: ChatApp renders again for every streamed update; the panel only follows its stores. */
export const SettingsPanel = memo(function SettingsPanel({ models }: { models: string[] }) {
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, () => defaultSettings(models));
  return <SettingsFields models={models} settings={settings} onChange={settingsStore.set} />;
});
