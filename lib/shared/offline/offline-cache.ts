/**
 * What the service worker (lib/client/runtime/sw/service-worker.ts) may keep, decided in one
 * place that the server, the worker and their tests share. The rules, and why (docs/security.md):
 * it keeps the build's own files (`/_next/static/`, named by their content) and, for an open
 * deployment only, the chat page of each language as the offline shell. Never `/api/*`, never a
 * page the access gate stands in front of (the server marks a page it may keep with
 * OFFLINE_SHELL_HEADER, and only when there is no gate), never any other page.
 */

/** Set by proxy.ts on a chat page's response when the deployment has no access code. */
export const OFFLINE_SHELL_HEADER = 'x-swallow-offline-shell';

/** The worker's caches: the shell pages and the build's files. */
export const SHELL_CACHE = 'swallow-shell';
export const ASSET_CACHE = 'swallow-assets';

const LOCALE_ROOT = /^\/(ja|en)\/?$/;
const CHAT_PAGE = /^\/(ja|en)(?:\/c\/[^/]+)?\/?$/;

/** The build's own files: content-hashed, the same for every visitor, never behind the gate. */
export function isBuildAsset(pathname: string): boolean {
  return pathname.startsWith('/_next/static/');
}

/** Never cached, whatever the response says. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * The chat page's language if `pathname` is a chat page (a new chat or a saved conversation):
 * offline, the worker answers it with that language's shell. Null for every other page.
 */
export function chatPageLocale(pathname: string): 'ja' | 'en' | null {
  return (CHAT_PAGE.exec(pathname)?.[1] as 'ja' | 'en' | undefined) ?? null;
}

/** The shell's cache key for a language: the new-chat page. */
export const shellUrl = (locale: 'ja' | 'en') => `/${locale}`;

/** Whether `pathname` is the page kept as the shell (the new-chat page of a language). */
export function isShellPath(pathname: string): boolean {
  return LOCALE_ROOT.test(pathname);
}

/** Headers of a response the worker may keep as the shell: a 200 HTML page the server marked. */
export function isKeepableShell(status: number, headers: Headers): boolean {
  return (
    status === 200 &&
    headers.get(OFFLINE_SHELL_HEADER) === '1' &&
    (headers.get('content-type') ?? '').startsWith('text/html')
  );
}

/** The id of the saved conversation a chat page's path names (/ja/c/<id>), if any. */
export function conversationIdFromPath(pathname: string): string | undefined {
  const id = /^\/(?:ja|en)\/c\/([^/]+)\/?$/.exec(pathname)?.[1];
  return id ? decodeURIComponent(id) : undefined;
}
