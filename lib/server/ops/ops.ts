// What the operator sees of each chat request: one log line per request (ChatRequestLog), and the
// 503 a new chat gets while the server shuts down (refuseWhileShuttingDown).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { jsonError } from '@/lib/server/http/read-json';
import { isShuttingDown } from './shutdown-state';

/**
 * One line per chat request for the operator (stdout): what happened and how long it took,
 * never what was said. Only the fields below are ever written: no message text, no system
 * prompt, no key, no upstream URL, no client address.
 *
 *   LOG_FORMAT=json   (default) one JSON object per line, for log collectors
 *   LOG_FORMAT=pretty a short human line
 */
export interface ChatLogRecord {
  time: string;
  requestId: string;
  /** `title` for a conversation's title (POST /api/chat?mode=title); absent for a reply. */
  kind?: 'title';
  model?: string;
  /** `ok`, `cancelled` (the client went away), or the typed error code (chat-error.ts). */
  outcome: string;
  /** The response's HTTP status (200 for a reply that failed while streaming: see outcome). */
  status: number;
  ttftMs?: number;
  durationMs: number;
  tokensIn?: number;
  tokensOut?: number;
  droppedTurns?: number;
}

export type LogFormat = 'json' | 'pretty';

export const logFormat = (env: Record<string, string | undefined> = process.env): LogFormat =>
  env.LOG_FORMAT?.trim().toLowerCase() === 'pretty' ? 'pretty' : 'json';

export function formatChatLog(record: ChatLogRecord, format: LogFormat): string {
  if (format === 'json') return JSON.stringify(record);
  const optional = (label: string, value: number | string | undefined, unit = '') =>
    value === undefined ? '' : ` ${label}=${value}${unit}`;
  return (
    `${record.time} ${record.kind ?? 'chat'} ${record.requestId} ${record.status} ${record.outcome}` +
    optional('model', record.model) +
    optional('ttft', record.ttftMs, 'ms') +
    ` duration=${record.durationMs}ms` +
    optional('in', record.tokensIn) +
    optional('out', record.tokensOut) +
    optional('dropped', record.droppedTurns)
  );
}

export type LogSink = (line: string) => void;
const stdout: LogSink = (line) => void process.stdout.write(`${line}\n`);

/** What a reply reports while it streams (reply.ts). */
export interface ReplyObserver {
  firstToken(): void;
  usage(usage: { inputTokens?: number; outputTokens?: number }): void;
  error(code: string): void;
}

/**
 * The log of one chat request: created when it arrives, written once when it is over, whether
 * refused (`refused(response)`) or streamed (`reply`, then `closed`).
 */
export class ChatRequestLog implements ReplyObserver {
  readonly requestId = randomUUID();
  private readonly started = performance.now();
  private readonly fields: Partial<ChatLogRecord> = {};
  private written = false;

  constructor(
    private readonly sink: LogSink = stdout,
    private readonly format: LogFormat = logFormat(),
  ) {}

  describe(fields: { kind?: 'title'; model?: string; droppedTurns?: number }): void {
    Object.assign(this.fields, fields);
  }

  firstToken(): void {
    this.fields.ttftMs ??= this.elapsed();
  }

  usage({ inputTokens, outputTokens }: { inputTokens?: number; outputTokens?: number }): void {
    Object.assign(this.fields, { tokensIn: inputTokens, tokensOut: outputTokens });
  }

  error(code: string): void {
    this.fields.outcome ??= code;
  }

  /** A request answered without a reply (an error body): logs it; the response gets X-Request-Id. */
  async refused(response: Response): Promise<Response> {
    const code = await errorCodeOf(response);
    this.write({ outcome: code ?? `http_${response.status}`, status: response.status });
    return this.tagged(response);
  }

  /** The streaming reply's response, with X-Request-Id. */
  reply(response: Response): Response {
    return this.tagged(response);
  }

  /** The reply is over: finished, failed or cancelled (`aborted`: the client went away). */
  closed(aborted: boolean): void {
    this.write({ outcome: this.fields.outcome ?? (aborted ? 'cancelled' : 'ok'), status: 200 });
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  private tagged(response: Response): Response {
    const headers = new Headers(response.headers);
    headers.set('x-request-id', this.requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  private write({ outcome, status }: { outcome: string; status: number }): void {
    if (this.written) return;
    this.written = true;
    const { kind, model, ttftMs, tokensIn, tokensOut, droppedTurns } = this.fields;
    const record: ChatLogRecord = {
      time: new Date().toISOString(),
      requestId: this.requestId,
      ...(kind === undefined ? {} : { kind }),
      ...(model === undefined ? {} : { model }),
      outcome,
      status,
      ...(ttftMs === undefined ? {} : { ttftMs }),
      durationMs: this.elapsed(),
      ...(tokensIn === undefined ? {} : { tokensIn }),
      ...(tokensOut === undefined ? {} : { tokensOut }),
      ...(droppedTurns === undefined ? {} : { droppedTurns }),
    };
    this.sink(formatChatLog(record, this.format));
  }
}

/** The `error.code` of one of our JSON error bodies (small: jsonError), if it is one. */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** How long a client is asked to wait when this instance is restarting (another may answer). */
export const SERVER_RESTARTING_RETRY_S = 5;

/** Ends a reply the server could not let finish before it stopped (reply.ts). */
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
