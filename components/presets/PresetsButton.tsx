'use client';

import { lazy, useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { LibraryBig } from 'lucide-react';
import { DialogTrigger } from '@/components/ui/DialogTrigger';
import { ICON_PROPS } from '@/components/ui/Button';
import { hydratePresets } from '@/lib/client/presets/preset-store';

// Not in the chat's first load: fetched when the button is hovered or focused.
export const loadPresetsDialog = () => import('./PresetsDialog');
const PresetsDialog = lazy(() => loadPresetsDialog().then((m) => ({ default: m.PresetsDialog })));

export function PresetsButton() {
  const t = useTranslations('presets');
  useEffect(() => hydratePresets(), []);
  return (
    <DialogTrigger
      testId="presets-open"
      label={t('open')}
      ariaLabel={t('openLabel')}
      icon={<LibraryBig {...ICON_PROPS} />}
      dialog={(props) => <PresetsDialog {...props} />}
      preload={loadPresetsDialog}
    />
  );
}
