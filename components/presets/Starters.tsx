'use client';

import { useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { draftStore } from '@/lib/client/chat/chat-session';
import { settingsStore } from '@/lib/client/chat/settings-store';
import { findPreset } from '@/lib/client/presets/active';
import { presetStore } from '@/lib/client/presets/preset-store';
import { localize } from '@/lib/shared/presets/preset';

/** The active preset's conversation starters, shown in an empty chat; one click puts it in the composer. */
export function Starters() {
  const t = useTranslations('presets');
  const locale = useLocale();
  const presetId = useSyncExternalStore(
    settingsStore.subscribe,
    () => settingsStore.get().presetId,
    () => null,
  );
  const { presets } = useSyncExternalStore(presetStore.subscribe, presetStore.get, presetStore.get);
  const starters = findPreset(presetId, presets)?.starters.map((starter) => localize(starter, locale)) ?? [];
  if (starters.length === 0) return null;

  return (
    <section aria-label={t('starters')} className="flex flex-wrap justify-center gap-2">
      {starters.map((starter) => (
        <button
          key={starter}
          type="button"
          data-testid="starter"
          onClick={() => {
            draftStore.set(starter);
            document.getElementById('composer')?.focus();
          }}
          className="rounded-xl border border-zinc-300 px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {starter}
        </button>
      ))}
    </section>
  );
}
