/**
 * Request bodies, bounded by server.ts before Next.js sees them (docs/security.md "Request
 * bodies"). Next.js's proxy layer reads the whole body of every request proxy.ts matches (up to
 * its `proxyClientMaxBodySize`) before the route or page runs, so a route's own limit, counted
 * as it reads, comes too late for those paths. Here, per path:
 * - a declared Content-Length over the path's limit is refused at once (413), unread;
 * - a body without a length (chunked) is refused (411) unless the path's route counts it as it
 *   reads (only /api/chat and /api/transcribe, which proxy.ts does not match);
 * - a body that stops arriving is ended after BODY_IDLE_TIMEOUT_MS without a byte (408), and
 *   Node's own timeouts bound the headers and the whole request (replies are not bounded: a
 *   chat reply streams for as long as it takes).
 *
 * No imports: server.ts runs this file with Node's type stripping, and the image copies it.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A chat request (/api/chat): 200 messages fit easily. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The unlock form (an access code and where to go back to). */
export const MAX_FORM_BYTES = 4096;
/**
 * A recording for /api/transcribe: OpenAI's 25 MB cap and the multipart envelope; the route
 * applies the operator's smaller SWALLOW_STT_MAX_BYTES as it reads.
 */
export const MAX_AUDIO_BODY_BYTES = 25 * 1024 * 1024 + 16 * 1024;
/** Any other path (pages, files, /api/health): none of them reads a body. */
export const MAX_OTHER_BODY_BYTES = 4096;

/** A body that sends nothing for this long is ended with 408 (nginx's client_body_timeout, deploy/nginx.conf). */
export const BODY_IDLE_TIMEOUT_MS = 10_000;
/** Request line and headers must arrive within this (Node's headersTimeout; nginx's client_header_timeout). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, body included, must arrive within this (Node's requestTimeout); the reply is not bounded. */
export const REQUEST_TIMEOUT_MS = 60_000;
/** How often Node checks those two, and this module the idle bodies. */
export const TIMEOUT_CHECK_MS = 1_000;

export interface BodyLimit {
  maxBytes: number;
  /** The route reads the body itself, counting as it reads (a chunked body is allowed). */
  countedByRoute: boolean;
}

const LIMITS: Record<string, BodyLimit> = {
  '/api/chat': { maxBytes: MAX_BODY_BYTES, countedByRoute: true },
  '/api/unlock': { maxBytes: MAX_FORM_BYTES, countedByRoute: false },
  '/api/transcribe': { maxBytes: MAX_AUDIO_BODY_BYTES, countedByRoute: true },
};
const OTHER: BodyLimit = { maxBytes: MAX_OTHER_BODY_BYTES, countedByRoute: false };

/** The body limit of a request target (`/api/chat?x=1`); any path not named has the smallest. */
export function bodyLimit(target: string): BodyLimit {
  let pathname: string;
  try {
    pathname = new URL(target, 'http://localhost').pathname;
  } catch {
    return OTHER;
  }
  return Object.hasOwn(LIMITS, pathname) ? LIMITS[pathname]! : OTHER;
}

export interface BodyRefusal {
  status: 408 | 411 | 413;
  code: 'request_timeout' | 'length_required' | 'payload_too_large';
  message: string;
  maxBytes?: number;
}

/** Whether a request's headers already refuse its body: over the path's limit, or chunked where not counted. */
export function refuseBody(target: string, headers: IncomingHttpHeaders): BodyRefusal | null {
  const limit = bodyLimit(target);
  const length = headers['content-length'];
  if (length !== undefined && Number(length) > limit.maxBytes) {
    return {
      status: 413,
      code: 'payload_too_large',
      message: `The request body is larger than ${limit.maxBytes} bytes`,
      maxBytes: limit.maxBytes,
    };
  }
  if (length === undefined && headers['transfer-encoding'] !== undefined && !limit.countedByRoute) {
    return {
      status: 411,
      code: 'length_required',
      message: `Send the body with a Content-Length (at most ${limit.maxBytes} bytes)`,
      maxBytes: limit.maxBytes,
    };
  }
  return null;
}

const STALLED: BodyRefusal = {
  status: 408,
  code: 'request_timeout',
  message: `The request body stopped arriving (nothing for ${BODY_IDLE_TIMEOUT_MS / 1000} s)`,
};

const REASONS = { 408: 'Request Timeout', 411: 'Length Required', 413: 'Content Too Large' } as const;

/** The refusal as the app JSON error (`{ error: { code, message, field, maxBytes? } }`), closing the connection. */
export function refusalResponse({ status, code, message, maxBytes }: BodyRefusal): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const body = JSON.stringify({ error: { code, message, field: 'body', ...(maxBytes ? { maxBytes } : {}) } });
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'close',
    },
    body,
  };
}

/**
 * How long a refused request's connection keeps reading (and dropping) what the client still
 * sends before it is closed: closing a socket with unread data resets it, and the client may
 * then lose the answer (nginx's lingering close does the same).
 */
export const LINGER_MS = 2_000;

/**
 * Answers a refusal decided from the headers, as Node answers its own timeouts: written to the
 * socket, which is then half-closed. The body is never kept: whatever of it still comes within
 * LINGER_MS is read and dropped, then the connection is closed.
 */
export function sendRefusal(req: IncomingMessage, refusal: BodyRefusal): void {
  const socket = req.socket;
  socket.end(rawRefusal(refusal));
  req.resume();
  const linger = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(linger));
}

/** The refusal as the bytes of an HTTP/1.1 response. */
function rawRefusal(refusal: BodyRefusal): string {
  const { status, headers, body } = refusalResponse(refusal);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${REASONS[refusal.status]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

interface Watched {
  req: IncomingMessage;
  res: ServerResponse;
  bytesRead: number;
  since: number;
}

/**
 * Ends request bodies that stop arriving: a request whose socket has read nothing for `idleMs`
 * while its body is incomplete gets 408 (unless its reply has begun) and its connection is
 * closed, as if the client had gone: the route or page sees an aborted request. One timer for
 * all requests, running only while a body is being received.
 */
export class StalledBodies {
  private readonly watched = new Set<Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly idleMs: number;
  private readonly checkMs: number;

  constructor(idleMs = BODY_IDLE_TIMEOUT_MS, checkMs = TIMEOUT_CHECK_MS) {
    this.idleMs = idleMs;
    this.checkMs = checkMs;
  }

  /** Watches the request if it has a body still to come. */
  watch(req: IncomingMessage, res: ServerResponse): void {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.complete) return;
    this.watched.add({ req, res, bytesRead: req.socket.bytesRead, since: performance.now() });
    this.timer ??= setInterval(() => this.check(), this.checkMs).unref();
  }

  /** Requests whose body is still being received. */
  get size(): number {
    return this.watched.size;
  }

  check(now = performance.now()): void {
    for (const entry of this.watched) {
      const { req, res } = entry;
      const socket = req.socket;
      if (req.complete || req.destroyed || socket.destroyed) {
        this.watched.delete(entry);
      } else if (socket.bytesRead !== entry.bytesRead) {
        entry.bytesRead = socket.bytesRead;
        entry.since = now;
      } else if (now - entry.since >= this.idleMs) {
        this.watched.delete(entry);
        if (socket.writable && !res.headersSent) socket.write(rawRefusal(STALLED));
        socket.destroy();
      }
    }
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
