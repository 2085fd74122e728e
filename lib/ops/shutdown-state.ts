/**
 * Whether this process is shutting down (SIGTERM received). server.ts sets it; route handlers,
 * bundled apart from server.ts by Next.js, read it: so it lives on globalThis, under a
 * registered symbol, not in a module variable. No 'server-only': server.ts imports it directly.
 */
const KEY = Symbol.for('swallow-chat.shutting-down');
type Holder = { [KEY]?: boolean };

export function isShuttingDown(): boolean {
  return (globalThis as Holder)[KEY] === true;
}

export function markShuttingDown(): void {
  (globalThis as Holder)[KEY] = true;
}
