import { createStore } from '@/lib/client/chat/external-store';
import { isBuildAsset, SHELL_CACHE, shellUrl } from '@/lib/shared/offline/offline-cache';
import { afterLoadAndIdle } from './engagement';

/** The worker (app/sw.js/route.ts), for the whole site. */
export const SERVICE_WORKER_URL = '/sw.js';

/** A kept shell older than this is fetched again, so offline opens a recent build's page. */
const SHELL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * True once a newer build's worker has taken over this page, which an older build's worker
 * served: the page offers a reload (components/app/AppUpdate.tsx). Not on the first install,
 * when the page had no worker before.
 */
export const appUpdateStore = createStore(false);

/**
 * Registers the service worker once the page has loaded and gone idle (production builds only),
 * and watches for a newer one taking over. Returns a function that stops both.
 */
export function startServiceWorker(locale: 'ja' | 'en', warm: () => Promise<unknown>): () => void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return () => {};
  const container = navigator.serviceWorker;
  let hadWorker = container.controller !== null;
  const onControllerChange = () => {
    if (hadWorker) appUpdateStore.set(true);
    hadWorker = true;
  };
  container.addEventListener('controllerchange', onControllerChange);
  const cancel = afterLoadAndIdle(() => void register(locale, warm));
  return () => {
    cancel();
    container.removeEventListener('controllerchange', onControllerChange);
  };
}

/**
 * `warm` loads what reading offline needs but the page loads only on use (search, presets, the
 * Markdown renderer); once the worker controls the page, their files pass through it and are kept.
 */
async function register(locale: 'ja' | 'en', warm: () => Promise<unknown>): Promise<void> {
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
    const registration = await navigator.serviceWorker.ready;
    await controlled();
    await warm();
    // What this page loaded before a worker ran (the first visit), and this language's shell
    // when it is not kept yet: offline, the app opens from them.
    const urlsToCache: (string | [string, RequestInit])[] = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && isBuildAsset(url.pathname))
      .map((url) => url.pathname + url.search);
    if (await shellIsMissingOrOld(locale)) urlsToCache.push([shellUrl(locale), { headers: { accept: 'text/html' } }]);
    registration.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache } });
  } catch {
    // No worker (blocked, private mode, an old browser): the app works online as before.
  }
}

/** Resolves once a worker controls this page (at once on later visits; after clientsClaim on the first). */
function controlled(): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return Promise.resolve();
  return new Promise((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
}

async function shellIsMissingOrOld(locale: 'ja' | 'en'): Promise<boolean> {
  const shell = await (await caches.open(SHELL_CACHE)).match(shellUrl(locale));
  const date = Date.parse(shell?.headers.get('date') ?? '');
  return !shell || !(Date.now() - date < SHELL_MAX_AGE_MS);
}
