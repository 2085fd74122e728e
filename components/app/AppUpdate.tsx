'use client';

import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { afterLoadAndIdle, onFirstEngagement } from '@/lib/client/browser/engagement';

/**
 * Registers the service worker (offline use, installing the app) once the page has loaded and
 * gone idle (the code that does it is not in the first load); the parts loaded on use that
 * reading offline needs are loaded for it once the visitor starts using the page. And, when a newer build's worker
 * takes over an open page, says so with a reload: the page in view is the old build, whose later
 * chunks the server may no longer have. A reload (or the next visit) gets the new one from the
 * network; the worker never answers a page from its copy while the network works.
 */
export function AppUpdate() {
  const t = useTranslations('app');
  const locale = useLocale() as 'ja' | 'en';
  const [updated, setUpdated] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    // The worker that served this page, if any: a different one later is a newer build's.
    const servedBy = navigator.serviceWorker.controller;
    let stop: (() => void) | undefined;
    let cancelled = false;
    // Listened for from the start: the visitor may engage before the worker's code has loaded.
    let stopListening = () => {};
    const engaged = new Promise<void>((resolve) => (stopListening = onFirstEngagement(resolve)));
    const cancel = afterLoadAndIdle(() => {
      void import('@/lib/client/browser/service-worker').then(({ startServiceWorker }) => {
        if (cancelled) return;
        stop = startServiceWorker({
          locale,
          servedBy,
          onUpdate: () => setUpdated(true),
          // What reading offline needs of the chat's lazily loaded parts.
          warm: () =>
            Promise.all([
              import('@/components/chat/MessageList'),
              import('@/components/markdown/LazyMarkdown').then((m) => m.loadMarkdown()),
              import('@/components/presets/PresetsButton').then((m) => m.loadPresetsDialog()),
            ]),
          engaged,
        });
      });
    });
    return () => {
      cancelled = true;
      stopListening();
      cancel();
      stop?.();
    };
  }, [locale]);

  return (
    <div role="status" className="pointer-events-none fixed inset-x-2 top-2 z-50 flex justify-center empty:hidden">
      {updated && !dismissed && (
        // Above the header until reloaded or closed (it covers the header's controls on a phone).
        <Notice
          data-testid="app-update"
          size="lg"
          className="pointer-events-auto max-w-md shadow-lg"
          onDismiss={() => setDismissed(true)}
          dismissLabel={t('updateDismiss')}
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
