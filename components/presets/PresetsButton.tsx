'use client';

import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { DialogTrigger } from '@/components/ui/DialogTrigger';
import { hydratePresets } from '@/lib/presets/preset-store';
import { PresetsDialog } from './PresetsDialog';

export function PresetsButton() {
  const t = useTranslations('presets');
  useEffect(() => hydratePresets(), []);
  return <DialogTrigger testId="presets-open" label={t('open')} ariaLabel={t('openLabel')} dialog={PresetsDialog} />;
}
