'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { Notice } from '@/components/ui/Notice';
import type { ShareDecodeError } from '@/lib/shared/share/codec';
import { shareNoticeStore } from '@/lib/client/share/notice-store';

/** Why a share link could not be opened; the chat below keeps working. */
export function ShareErrorNotice({ code }: { code: ShareDecodeError | 'missing' }) {
  const t = useTranslations('share.errors');
  return (
    <Notice as="section" tone="warning" size="lg" role="alert" data-testid="share-error" data-code={code}>
      <h2 className="font-bold">{t('title')}</h2>
      <p>{t(code)}</p>
      <p>{t('hint')}</p>
    </Notice>
  );
}

/** After loading a shared setup whose model this server does not offer. */
export function ShareLoadedNotice() {
  const t = useTranslations('share');
  const notice = useSyncExternalStore(shareNoticeStore.subscribe, shareNoticeStore.get, () => null);
  if (!notice) return null;
  return (
    <Notice tone="warning" size="lg" role="status" data-testid="share-model-note">
      {t('modelReplaced', notice)}
    </Notice>
  );
}
