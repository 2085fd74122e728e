'use client';

import { useTranslations } from 'next-intl';
import { DialogTrigger } from '@/components/ui/DialogTrigger';
import { ShareDialog } from './ShareDialog';

export function ShareButton() {
  const t = useTranslations('share');
  return <DialogTrigger testId="share-open" label={t('open')} ariaLabel={t('openLabel')} dialog={ShareDialog} />;
}
