/**
 * Joins the upstream's reads into at most one batch per `intervalMs` once a reply's text has
 * begun: the read that comes within the interval of the last batch waits for the interval's end,
 * with whatever else arrives meanwhile, and they are handed on together.
 *
 * Why: at a fast model's pace (a chunk every few ms, as vLLM or NIM send an 8B model's tokens)
 * each chunk on its own crosses the provider's parsing stages, our SSE writer and a socket write
 * (bench/token-cost.ts, docs/performance.md). Handed on together, the coalescer
 * (sse-coalesce.ts) makes one text chunk of them, so that work is done once per batch. The
 * browser renders streamed text at most every 50 ms (components/chat/ChatApp.tsx), so a wait of
 * 32 ms (the default) is not seen; it is also under the gap between the tokens of a model at
 * 30 tokens/s (33 ms), which is never held. A shorter wait left the per-batch work measurably
 * above a pipe's per-chunk cost (bench `tokencost`, bench/HISTORY.md). What is never held: the
 * first text of a reply (and anything before it, so the time to the first token is the
 * upstream's), a reply slower than one chunk per interval (each chunk goes on as it arrives), the
 * end of the stream, and an error (what came before it is handed on first).
 */
import 'server-only';

type Read = () => Promise<ReadableStreamReadResult<Uint8Array>>;

export const DEFAULT_BATCH_INTERVAL_MS = 32;

/** SWALLOW_STREAM_BATCH_MS: a whole number of milliseconds; 0 or `off` turns batching off. */
export function resolveBatchInterval(value: string | undefined): number {
  if (value?.trim() === 'off') return 0;
  const n = Number(value?.trim() || NaN);
  return Number.isInteger(n) && n >= 0 && n <= 1000 ? n : DEFAULT_BATCH_INTERVAL_MS;
}

const decoder = new TextDecoder();
/** A text or reasoning delta that is not empty, in compact or spaced JSON. */
const TEXT_DELTA = /"(?:reasoning_)?content"\s*:\s*"[^"]|"reasoning"\s*:\s*"[^"]/;

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * A `read` for the upstream's body made of `read`'s results in batches (see above). A read left
 * waiting when the interval ends is kept for the next batch, never repeated.
 */
export function readInBatches(read: Read, intervalMs: number, now = () => performance.now()): Read {
  if (intervalMs <= 0) return read;
  let waiting: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let lastHandedOn = -Infinity;
  let textBegun = false;
  let ended = false;
  let failure: { error: unknown } | undefined;
  const nextRead = () => {
    const result = waiting ?? read();
    waiting = undefined;
    return result;
  };

  return async () => {
    if (failure) throw failure.error;
    if (ended) return { done: true, value: undefined };
    const first = await nextRead();
    if (first.done) return first;
    const parts = [first.value];
    const wait = lastHandedOn + intervalMs - now();
    if (textBegun && wait > 0) {
      // One timer for the batch, whatever the number of reads it gathers.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const intervalOver = new Promise<null>((resolve) => (timer = setTimeout(resolve, wait, null)));
      for (;;) {
        const pending = (waiting ??= read());
        const outcome = await Promise.race([
          pending.then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          ),
          intervalOver,
        ]);
        if (outcome === null) break;
        waiting = undefined;
        if ('error' in outcome) {
          failure = outcome;
          break;
        }
        if (outcome.result.done) {
          ended = true;
          break;
        }
        parts.push(outcome.result.value);
      }
      clearTimeout(timer);
    }
    const value = join(parts);
    if (!textBegun) textBegun = TEXT_DELTA.test(decoder.decode(value));
    lastHandedOn = now();
    return { done: false, value };
  };
}
