/**
 * Stall timeouts for upstream calls. A fetch wrapper (handed to the AI SDK provider) that
 * fails the call when the upstream sends nothing for too long:
 *
 * - first byte: from the request until the first body byte (headers alone do not count);
 * - idle: between two body chunks, counted only while we are waiting for the upstream
 *   (a slow browser that applies backpressure never trips it).
 *
 * The failure is an `UpstreamTimeoutError`, deliberately not an abort: the AI SDK treats
 * abort-like errors (AbortError, TimeoutError) as the user stopping, and reports no error.
 * The upstream connection is closed either way.
 */
import 'server-only';
import { readInBatches } from './read-batches';

export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface StallTimeouts {
  firstByteMs: number;
  idleMs: number;
}

export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  constructor(
    readonly phase: 'first-byte' | 'idle',
    readonly afterMs: number,
  ) {
    super(
      phase === 'first-byte'
        ? `No response from the model server within ${afterMs / 1000} s`
        : `The model server sent nothing for ${afterMs / 1000} s`,
    );
  }
}

export function isUpstreamTimeoutError(e: unknown): e is UpstreamTimeoutError {
  return e instanceof Error && e.name === 'UpstreamTimeoutError';
}

const positiveMs = (value: string | undefined, fallback: number) => {
  const n = Number(value?.trim());
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** SWALLOW_FIRST_BYTE_TIMEOUT_MS and SWALLOW_IDLE_TIMEOUT_MS (milliseconds, positive integers). */
export function resolveStallTimeouts(env: Record<string, string | undefined>): StallTimeouts {
  return {
    firstByteMs: positiveMs(env.SWALLOW_FIRST_BYTE_TIMEOUT_MS, DEFAULT_FIRST_BYTE_TIMEOUT_MS),
    idleMs: positiveMs(env.SWALLOW_IDLE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS),
  };
}

type FetchFn = typeof globalThis.fetch;

export interface StallTimeoutOptions {
  /**
   * For `text/event-stream` bodies: makes a function applied to every chunk read (in order)
   * before it is passed on, e.g. a coalescer. It runs in this wrapper's own stream stage,
   * so it adds none.
   */
  eventStreamChunk?: () => (chunk: Uint8Array) => Uint8Array;
  /** For `text/event-stream` bodies: reads joined into one batch per interval (read-batches.ts). */
  eventStreamBatchMs?: number;
}

/** Wraps `fetchImpl` so that a stalled upstream fails with UpstreamTimeoutError. */
export function withStallTimeouts(
  timeouts: StallTimeouts,
  fetchImpl: FetchFn = globalThis.fetch,
  options: StallTimeoutOptions = {},
): FetchFn {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal ?? undefined;
    const forwardAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) forwardAbort();
    else outer?.addEventListener('abort', forwardAbort, { once: true });

    // One timer at a time, not one per chunk: a chunk only marks that we stopped waiting; when
    // the timer fires it checks how long the current wait has lasted and re-arms for the rest.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut: UpstreamTimeoutError | undefined;
    let phase: UpstreamTimeoutError['phase'] = 'first-byte';
    let limitMs = 0;
    let waitingSince: number | null = null;
    const check = () => {
      timer = undefined;
      if (waitingSince === null) return;
      const left = limitMs - (performance.now() - waitingSince);
      if (left > 0) {
        timerDue = performance.now() + left;
        timer = setTimeout(check, left);
        return;
      }
      timedOut = new UpstreamTimeoutError(phase, limitMs);
      controller.abort(timedOut);
    };
    let timerDue = 0;
    const arm = (nextPhase: UpstreamTimeoutError['phase'], ms: number) => {
      phase = nextPhase;
      limitMs = ms;
      waitingSince = performance.now();
      // A pending timer that fires by this wait's deadline is reused (it re-arms for the rest).
      if (timer !== undefined && timerDue <= waitingSince + ms) return;
      clearTimeout(timer);
      timerDue = waitingSince + ms;
      timer = setTimeout(check, ms);
    };
    const stopWaiting = () => {
      waitingSince = null;
    };
    const settle = () => {
      waitingSince = null;
      clearTimeout(timer);
      timer = undefined;
      outer?.removeEventListener('abort', forwardAbort);
    };

    arm('first-byte', timeouts.firstByteMs);
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, signal: controller.signal });
    } catch (error) {
      settle();
      throw timedOut ?? error;
    }
    if (!response.body) {
      settle();
      return response;
    }

    const reader = response.body.getReader();
    const isEventStream = response.headers.get('content-type')?.toLowerCase().includes('text/event-stream') ?? false;
    const mapChunk = isEventStream ? options.eventStreamChunk?.() : undefined;
    let sawFirstByte = false;
    const readUpstream = async () => {
      // The first-byte timer is still running from the request; later waits get the idle timer.
      if (sawFirstByte) arm('idle', timeouts.idleMs);
      const result = await reader.read();
      if (!result.done && result.value.byteLength > 0) {
        sawFirstByte = true;
        stopWaiting();
      }
      return result;
    };
    const read = isEventStream ? readInBatches(readUpstream, options.eventStreamBatchMs ?? 0) : readUpstream;
    const body = new ReadableStream<Uint8Array>({
      async pull(sink) {
        try {
          const { done, value } = await read();
          if (done) {
            settle();
            sink.close();
            return;
          }
          sink.enqueue(mapChunk ? mapChunk(value) : value);
        } catch (error) {
          settle();
          sink.error(timedOut ?? error);
        }
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
