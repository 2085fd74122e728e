'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import type { ShareDecodeError } from '@/lib/shared/share/codec';
import { shareNoticeStore } from '@/lib/client/share/notice-store';

const noticeClass =
  'rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50';

/** Why a share link could not be opened; the chat below keeps working. */
export function ShareErrorNotice({ code }: { code: ShareDecodeError | 'missing' }) {
  const t = useTranslations('share.errors');
  return (
    <section role="alert" data-testid="share-error" data-code={code} className={noticeClass}>
      <h2 className="font-bold">{t('title')}</h2>
      <p>{t(code)}</p>
      <p>{t('hint')}</p>
    </section>
  );
}

/** After loading a shared setup whose model this server does not offer. */
export function ShareLoadedNotice() {
  const t = useTranslations('share');
  const notice = useSyncExternalStore(shareNoticeStore.subscribe, shareNoticeStore.get, () => null);
  if (!notice) return null;
  return (
    <p role="status" data-testid="share-model-note" className={noticeClass}>
      {t('modelReplaced', notice)}
    </p>
  );
}
