'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { loadMarkdown } from '@/components/markdown/LazyMarkdown';
import { loadPresetsDialog } from '@/components/presets/PresetsButton';
import { appUpdateStore, startServiceWorker } from '@/lib/client/browser/service-worker';

/**
 * What opening, reading and searching saved conversations and presets needs that the chat page
 * loads only on use: fetched once the worker runs, so they pass through it and are kept.
 */
const warmOfflineReading = () =>
  Promise.all([
    loadMarkdown(),
    loadPresetsDialog(),
    import('@/lib/client/chat/history-search'),
    import('@/lib/client/storage/conversation-schema'),
    import('@/lib/client/chat/settings-restore'),
  ]);

/**
 * Registers the service worker (offline use, installing the app) and, when a newer build's worker
 * takes over an open page, says so with a reload: the page in view is the old build, whose
 * later chunks the server may no longer have. A reload (or the next visit) gets the new one from
 * the network; the worker never answers a page from its cache while the network works.
 */
export function AppUpdate() {
  const t = useTranslations('app');
  const locale = useLocale() as 'ja' | 'en';
  const updated = useSyncExternalStore(appUpdateStore.subscribe, appUpdateStore.get, () => false);
  useEffect(() => startServiceWorker(locale, warmOfflineReading), [locale]);

  return (
    <div role="status" className="pointer-events-none fixed inset-x-2 top-2 z-50 flex justify-center empty:hidden">
      {updated && (
        <Notice
          data-testid="app-update"
          tone="brand"
          size="lg"
          className="pointer-events-auto max-w-md shadow-lg"
          action={
            <Button variant="primary" size="sm" data-testid="app-update-reload" onClick={() => location.reload()}>
              {t('updateReload')}
            </Button>
          }
        >
          {t('updateReady')}
        </Notice>
      )}
    </div>
  );
}
