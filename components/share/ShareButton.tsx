'use client';

import { lazy } from 'react';
import { useTranslations } from 'next-intl';
import { Share2 } from 'lucide-react';
import { DialogTrigger } from '@/components/ui/DialogTrigger';
import { ICON_PROPS } from '@/components/ui/Button';

// Not in the chat's first load: fetched when the button is hovered or focused.
const loadShareDialog = () => import('./ShareDialog');
const ShareDialog = lazy(() => loadShareDialog().then((m) => ({ default: m.ShareDialog })));

export function ShareButton() {
  const t = useTranslations('share');
  return (
    <DialogTrigger
      testId="share-open"
      label={t('open')}
      ariaLabel={t('openLabel')}
      icon={<Share2 {...ICON_PROPS} />}
      dialog={(props) => <ShareDialog {...props} />}
      preload={loadShareDialog}
    />
  );
}
