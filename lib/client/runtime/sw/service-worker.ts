/// <reference lib="webworker" />
/**
 * The service worker (served as /sw.js by app/sw.js/route.ts, which bundles this file with
 * @serwist/turbopack at build time). What it keeps and why: lib/shared/offline/offline-cache.ts
 * and docs/security.md. In short:
 * - the build's files (`/_next/static/`) cache-first: named by their content, the same for everyone;
 * - the chat page of each language network-first, kept only when the server marks it (an open
 *   deployment) and answered only when the network fails: offline the app opens from it and reads
 *   the history from IndexedDB; online every page is the server's, with its own CSP nonce;
 * - nothing else: `/api/*` and every other request go to the network as if there were no worker.
 * A new build's worker takes over at once (skipWaiting, clientsClaim); the page then offers a
 * reload (components/app/AppUpdateNotice.tsx).
 */
import { CacheableResponsePlugin, CacheFirst, ExpirationPlugin, Serwist, type PrecacheEntry } from 'serwist';
import {
  ASSET_CACHE,
  SHELL_CACHE,
  chatPageLocale,
  isApiPath,
  isBuildAsset,
  isKeepableShell,
  isShellPath,
  shellUrl,
} from '@/lib/shared/offline/offline-cache';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** A request for a page: the browser's navigation, or the page asking to keep its shell (CACHE_URLS). */
function isPageRequest(request: Request, url: URL): boolean {
  if (request.mode === 'navigate') return true;
  return (
    (request.headers.get('accept') ?? '').includes('text/html') &&
    !request.headers.has('rsc') &&
    !url.searchParams.has('_rsc')
  );
}

/** Network first; keeps the shell when the server allows it, forgets it when the server stops allowing it. */
async function chatPage({ request, url, event }: { request: Request; url: URL; event: ExtendableEvent }) {
  const locale = chatPageLocale(url.pathname)!;
  const cache = await caches.open(SHELL_CACHE);
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const shell = await cache.match(shellUrl(locale));
    if (shell) return shell;
    throw error;
  }
  if (isShellPath(url.pathname) && response.type === 'basic') {
    if (isKeepableShell(response.status, response.headers)) {
      event.waitUntil(cache.put(shellUrl(locale), response.clone()));
    } else if (response.ok) {
      // An access code was set since: the page is behind the gate now, so its copy goes.
      event.waitUntil(cache.delete(shellUrl(locale)));
    }
  }
  return response;
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && isBuildAsset(url.pathname),
      handler: new CacheFirst({
        cacheName: ASSET_CACHE,
        plugins: [
          new CacheableResponsePlugin({ statuses: [200] }),
          new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 60 * 24 * 60 * 60, maxAgeFrom: 'last-used' }),
        ],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin &&
        request.method === 'GET' &&
        !isApiPath(url.pathname) &&
        chatPageLocale(url.pathname) !== null &&
        isPageRequest(request, url),
      handler: chatPage,
    },
  ],
});

serwist.addEventListeners();
