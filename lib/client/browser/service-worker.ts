import { isBuildAsset, SHELL_CACHE, shellUrl } from '@/lib/shared/offline/offline-cache';

/** The worker (app/sw.js/route.ts), for the whole site. */
export const SERVICE_WORKER_URL = '/sw.js';

/** A kept shell older than this is fetched again, so offline opens a recent build's page. */
const SHELL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface ServiceWorkerOptions {
  locale: 'ja' | 'en';
  /** The worker that controlled the page when it loaded (null: none, the first visit). */
  servedBy: ServiceWorker | null;
  /** A newer build's worker has taken over a page an older one served. */
  onUpdate: () => void;
  /** The page's parts loaded on use that reading offline needs (the renderer, the presets panel). */
  warm: () => Promise<unknown>;
  /**
   * Resolves when the visitor starts using the page (lib/client/browser/engagement.ts): only then
   * are those parts loaded (and evaluated) to be kept. Someone who only looks has nothing saved
   * to read offline, and their page's load stays free of ~1 s (4× CPU) of the renderer's start.
   */
  engaged: Promise<void>;
}

/**
 * Loaded after the page is up (components/app/AppUpdate.tsx): registers the service worker and
 * watches for a newer one taking over. Not on the first install, when no worker served the page.
 * Returns a function that stops watching.
 */
export function startServiceWorker({ locale, servedBy, onUpdate, warm, engaged }: ServiceWorkerOptions): () => void {
  const container = navigator.serviceWorker;
  // The first worker to take over a page none served is this build's own (the first install).
  let current = servedBy;
  const check = () => {
    const now = container.controller;
    if (!current) current = now;
    else if (now && now !== current) onUpdate();
  };
  check();
  container.addEventListener('controllerchange', check);
  void register(locale, warm, engaged);
  return () => container.removeEventListener('controllerchange', check);
}

/**
 * What opening, reading and searching saved conversations and presets needs that the chat page
 * loads only on use: fetched once the worker controls the page, so they pass through it and are kept.
 */
const warmOfflineReading = (warm: () => Promise<unknown>) =>
  Promise.all([
    warm(),
    import('@/lib/client/chat/history-search'),
    import('@/lib/client/storage/conversation-schema'),
    import('@/lib/client/chat/settings-restore'),
  ]);

async function register(locale: 'ja' | 'en', warm: () => Promise<unknown>, engaged: Promise<void>): Promise<void> {
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
    const registration = await navigator.serviceWorker.ready;
    await controlled();
    const sent = new Set<string>();
    // What this page loaded before a worker ran (the first visit), and this language's shell
    // when it is not kept yet: offline, the app opens from them.
    await keepLoaded(registration, locale, sent);
    await engaged;
    await warmOfflineReading(warm);
    await keepLoaded(registration, locale, sent);
  } catch {
    // No worker (blocked, private mode, an old browser): the app works online as before.
  }
}

/** Asks the worker to keep the build's files this page has loaded (those not asked for yet), and the shell. */
async function keepLoaded(registration: ServiceWorkerRegistration, locale: 'ja' | 'en', sent: Set<string>) {
  const urlsToCache: (string | [string, RequestInit])[] = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && isBuildAsset(url.pathname))
    .map((url) => url.pathname + url.search)
    .filter((path) => !sent.has(path) && sent.add(path));
  if (await shellIsMissingOrOld(locale)) urlsToCache.push([shellUrl(locale), { headers: { accept: 'text/html' } }]);
  if (urlsToCache.length) registration.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache } });
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
