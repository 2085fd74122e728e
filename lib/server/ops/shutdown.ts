import 'server-only';
import { jsonError } from '@/lib/server/http/read-json';
import { isShuttingDown } from './shutdown-state';

/** How long a client is asked to wait when this instance is restarting (another may answer). */
export const SERVER_RESTARTING_RETRY_S = 5;

/** Ends a reply the server could not let finish before it stopped (stream-chat.ts). */
export class ServerRestartingError extends Error {
  constructor() {
    super('The server is restarting');
    this.name = 'ServerRestartingError';
  }
}

/**
 * After SIGTERM (server.ts), a new chat gets 503 server_restarting with Retry-After, so a proxy
 * or the browser tries again (elsewhere, or once the server is back). Null while serving.
 */
export function refuseWhileShuttingDown(): Response | null {
  if (!isShuttingDown()) return null;
  return jsonError(
    'server_restarting',
    'The server is restarting: retry in a few seconds',
    { retryAfterSeconds: SERVER_RESTARTING_RETRY_S },
    { 'Retry-After': String(SERVER_RESTARTING_RETRY_S), Connection: 'close' },
  );
}
