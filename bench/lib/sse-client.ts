/**
 * A minimal streaming client for the bench: POSTs a chat request (straight to the upstream's
 * /v1/chat/completions, or to our /api/chat) and times the reply's first token and end.
 * Sends `Accept-Encoding` like a browser, and decodes what comes back.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

export const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface StreamResult {
  status: number;
  /** ms from sending the request to the first non-empty text piece. */
  ttftMs: number;
  totalMs: number;
  text: string;
  /** Text pieces received (content deltas or text-delta parts). */
  pieces: number;
  /** ms between each text piece and the one before it (pieces that arrive in one read: 0). */
  gapsMs: number[];
  contentEncoding: string | null;
  error: string | null;
}

/**
 * `direct`: the upstream's /v1/chat/completions; `app`: our /api/chat (or `path`, a route
 * answering UI message parts); `pipe`: a route taking our request body and answering the
 * upstream's chunks (the bench's pipe reference, tools/bench-routes/reference-routes.ts).
 */
export type Target = { kind: 'direct' | 'app' | 'pipe'; baseUrl: string; path?: string };

export function chatBody(target: Target, prompt: string): string {
  const messages = [{ role: 'user', content: prompt }];
  const sampling = { model: MODEL, temperature: 0.6, top_p: 0.9, max_tokens: 512 };
  return JSON.stringify(
    target.kind === 'direct'
      ? { ...sampling, messages, stream: true, stream_options: { include_usage: true } }
      : { ...sampling, messages, system: '' },
  );
}

/** The text in one SSE `data:` payload, or null if it carries none (or an error message). */
function pieceOf(kind: Target['kind'], data: string): { text?: string; error?: string } {
  if (data === '[DONE]') return {};
  const json = JSON.parse(data);
  if (kind !== 'app') return { text: json.choices?.[0]?.delta?.content ?? undefined };
  if (json.type === 'text-delta') return { text: json.delta };
  if (json.type === 'error') return { error: String(json.errorText) };
  return {};
}

/**
 * `stopAfter`: close the connection after that many text pieces (as a user pressing stop would).
 * `ownConnection`: a new connection, not one kept alive from an earlier request (many users at
 * once; a kept-alive socket reused just as the server's keep-alive timeout closes it fails with
 * "socket hang up", a client-side race that browsers retry).
 */
export function streamChat(
  target: Target,
  prompt: string,
  {
    signal,
    stopAfter,
    ownConnection = false,
  }: { signal?: AbortSignal; stopAfter?: number; ownConnection?: boolean } = {},
): Promise<StreamResult> {
  const url = new URL(target.path ?? (target.kind === 'direct' ? '/v1/chat/completions' : '/api/chat'), target.baseUrl);
  const body = chatBody(target, prompt);
  return new Promise((resolve) => {
    const start = performance.now();
    const result: StreamResult = {
      status: 0,
      ttftMs: NaN,
      totalMs: NaN,
      text: '',
      pieces: 0,
      gapsMs: [],
      contentEncoding: null,
      error: null,
    };
    let finished = false;
    const finish = (error?: string) => {
      if (finished) return;
      finished = true;
      if (error && !result.error) result.error = error;
      result.totalMs = performance.now() - start;
      resolve(result);
    };
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: ownConnection ? false : agent,
        signal,
        headers: {
          'content-type': 'application/json',
          'accept-encoding': 'gzip, deflate, br',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        result.status = res.statusCode ?? 0;
        result.contentEncoding = (res.headers['content-encoding'] as string | undefined) ?? null;
        const decoder =
          result.contentEncoding === 'gzip'
            ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH })
            : result.contentEncoding === 'br'
              ? zlib.createBrotliDecompress()
              : result.contentEncoding === 'deflate'
                ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH })
                : null;
        const source = decoder ? res.pipe(decoder) : res;
        source.setEncoding('utf8');
        let buffer = '';
        let lastPieceAt = 0;
        source.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of event.split('\n')) {
              if (!line.startsWith('data:')) continue;
              try {
                const piece = pieceOf(target.kind, line.slice(5).trim());
                if (piece.error) result.error = piece.error;
                if (piece.text) {
                  const now = performance.now();
                  if (result.pieces === 0) result.ttftMs = now - start;
                  else result.gapsMs.push(now - lastPieceAt);
                  lastPieceAt = now;
                  result.pieces += 1;
                  result.text += piece.text;
                  if (stopAfter !== undefined && result.pieces >= stopAfter) {
                    req.destroy();
                    finish();
                    return;
                  }
                }
              } catch (error) {
                result.error = `bad event: ${(error as Error).message}`;
              }
            }
          }
        });
        source.on('end', () =>
          finish(result.status === 200 ? undefined : `HTTP ${result.status}: ${buffer.slice(0, 200)}`),
        );
        source.on('error', (error) => finish(error.message));
      },
    );
    req.on('error', (error) => finish(error.message));
    req.end(body);
  });
}
