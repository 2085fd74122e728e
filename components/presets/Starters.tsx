'use client';

import { useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { draftStore, settingsStore } from '@/lib/client/chat/chat-session';
import { findPreset } from '@/lib/client/presets/active';
import { presetStore } from '@/lib/client/presets/preset-store';
import { fillPromptVariables, localize } from '@/lib/shared/presets/preset';
import type { Locale } from '@/lib/shared/i18n/routing';

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
        <Button
          key={starter}
          size="lg"
          data-testid="starter"
          onClick={() => {
            // A starter's {{date}} and the like are filled as it goes into the composer (issue #37).
            draftStore.set(fillPromptVariables(starter, { now: new Date(), locale: locale as Locale }));
            document.getElementById('composer')?.focus();
          }}
          className="text-left"
        >
          {starter}
        </Button>
      ))}
    </section>
  );
}
