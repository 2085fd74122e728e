// The wire to the browser: the AI SDK's UI message stream written as server-sent events
// (uiSseResponse), and the upstream's SSE read in batches with its text deltas coalesced
// (readInBatches, createSseCoalescer) so a fast model does not cost one render per token.
import 'server-only';
import {
  createUIMessageStream,
  createUIMessageStreamResponse,
  UI_MESSAGE_STREAM_HEADERS,
  type InferUIMessageChunk,
} from 'ai';
import type { ChatMessage } from '@/lib/shared/ai/message';

/**
 * The HTTP response for a UI message stream, in one stream stage.
 *
 * Equivalent to the AI SDK's `createUIMessageStream` (merging the reply's stream so that
 * an error thrown by the stream itself still reaches the browser as an `error` part) plus
 * `createUIMessageStreamResponse` (JSON → SSE → UTF-8, `[DONE]` at the end), plus a hook
 * that runs once when the reply is over, however it ends (finished, failed, or cancelled
 * by the client). Those take five web-stream stages and a merge loop per chunk; this is
 * one pull-based stream with the same bytes on the wire. The chunks are the SDK's own type
 * and the headers its own constant; ui-sse-conformance.test.ts proves the bytes equal the
 * SDK's for every reply and error scenario of the fake upstream.
 */

/** One chunk of our replies' UI message stream, as the SDK types it (metadata: ReplyMetadata). */
export type UIChunk = InferUIMessageChunk<ChatMessage>;

export interface UISseOptions {
  /** Turns an error thrown by `stream` into the `errorText` of an `error` part. */
  onError: (error: unknown) => string;
  /** Runs once when the response body is done, failed or cancelled (`cancelled`: by the reader). */
  onClose?: (cancelled: boolean) => void;
  headers?: Record<string, string>;
  /** `sdk`: the SDK's own stages write the response instead (the switch below). */
  writer?: 'fast' | 'sdk';
}

/**
 * `SWALLOW_UI_STREAM=sdk` has the AI SDK write the response (`createUIMessageStream` +
 * `createUIMessageStreamResponse`, five stream stages) instead of our one stage: the way back
 * should an SDK upgrade change its wire before this file follows (docs/internals.md).
 */
export const UI_STREAM_WRITER_DEFAULT: 'fast' | 'sdk' = process.env.SWALLOW_UI_STREAM === 'sdk' ? 'sdk' : 'fast';

/** The AI SDK's UI message stream headers (protocol version included), as it exports them. */
export const UI_SSE_HEADERS: Readonly<Record<string, string>> = UI_MESSAGE_STREAM_HEADERS;

const encoder = new TextEncoder();
const DONE = encoder.encode('data: [DONE]\n\n');

export const sseEvent = (part: UIChunk): Uint8Array => encoder.encode(`data: ${JSON.stringify(part)}\n\n`);

/** Where the chunks come from: a stream, or anything read like one (no stream stage of its own). */
export interface UIChunkSource {
  read(): Promise<ReadableStreamReadResult<UIChunk>>;
  cancel(reason?: unknown): Promise<void>;
}

/** `onClose`, called at most once (the stream ends, fails or is cancelled: whichever comes first). */
function closeOnce(onClose: UISseOptions['onClose']): (cancelled?: boolean) => void {
  let closed = false;
  return (cancelled = false) => {
    if (closed) return;
    closed = true;
    onClose?.(cancelled);
  };
}

/** A byte stream of SSE events for `source`, ending with `[DONE]`. */
export function uiSseStream(
  source: ReadableStream<UIChunk> | UIChunkSource,
  { onError, onClose }: Omit<UISseOptions, 'headers'>,
): ReadableStream<Uint8Array> {
  const reader = source instanceof ReadableStream ? source.getReader() : source;
  const close = closeOnce(onClose);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<UIChunk>;
      try {
        result = await reader.read();
      } catch (error) {
        let errorText: string;
        try {
          errorText = onError(error);
        } catch (onErrorError) {
          close();
          controller.error(onErrorError);
          return;
        }
        controller.enqueue(sseEvent({ type: 'error', errorText }));
        controller.enqueue(DONE);
        controller.close();
        close();
        return;
      }
      if (result.done) {
        controller.enqueue(DONE);
        controller.close();
        close();
        return;
      }
      controller.enqueue(sseEvent(result.value));
    },
    async cancel(reason) {
      close(true);
      await reader.cancel(reason);
    },
  });
}

export function uiSseResponse(
  source: ReadableStream<UIChunk> | UIChunkSource,
  { headers, writer = UI_STREAM_WRITER_DEFAULT, ...options }: UISseOptions,
): Response {
  if (writer === 'sdk') return sdkUiSseResponse(source, { headers, ...options });
  // As the SDK merges them: the caller's headers, then each of its own the caller did not set.
  const merged = new Headers(headers);
  for (const [name, value] of Object.entries(UI_SSE_HEADERS)) if (!merged.has(name)) merged.set(name, value);
  return new Response(uiSseStream(source, options), { status: 200, headers: merged });
}

/** The same response written by the SDK's own functions, with `onClose` kept (the switch above). */
function sdkUiSseResponse(
  source: ReadableStream<UIChunk> | UIChunkSource,
  { onError, onClose, headers }: Omit<UISseOptions, 'writer'>,
): Response {
  const reader = source instanceof ReadableStream ? source.getReader() : source;
  const close = closeOnce(onClose);
  const chunks = new ReadableStream<UIChunk>({
    async pull(controller) {
      try {
        const result = await reader.read();
        if (result.done) controller.close();
        else controller.enqueue(result.value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const stream = createUIMessageStream<ChatMessage>({ execute: ({ writer }) => writer.merge(chunks), onError });
  const response = createUIMessageStreamResponse({ stream, headers });
  const body = response.body!.getReader();
  const tracked = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const result = await body.read();
        if (!result.done) return controller.enqueue(result.value);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
      close();
    },
    async cancel(reason) {
      close(true);
      await body.cancel(reason);
    },
  });
  return new Response(tracked, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * Coalesces OpenAI-compatible SSE text chunks that arrive in the same network read.
 *
 * A fast upstream (or a busy server that reads its sockets late) hands us many
 * `data: {chat.completion.chunk}` events in one read. Each event would otherwise cross the
 * whole AI SDK pipeline on its own (SSE parser, zod, a dozen web-stream stages, one UI
 * message part and one SSE event to the browser). Consecutive plain text chunks of one read
 * are merged into one chunk carrying their concatenated text, so downstream work is per read,
 * not per token. Nothing is held back: every byte of a read is passed on in the same call,
 * the text and its order are unchanged, and anything that is not a plain text chunk (role
 * or usage-only chunks, tool calls, reasoning, errors, `[DONE]`, comments, CRLF-framed
 * events, events split across reads) passes through byte for byte.
 */

const LF = 0x0a;
const decoder = new TextDecoder();

interface TextChunk {
  id?: unknown;
  created?: unknown;
  model?: unknown;
  usage?: unknown;
  choices: [
    { index?: unknown; delta: { role?: unknown; content: string }; finish_reason?: unknown; logprobs?: unknown },
  ];
  [key: string]: unknown;
}

const DELTA_KEYS = new Set(['role', 'content']);
const CHOICE_KEYS = new Set(['index', 'delta', 'finish_reason', 'logprobs']);

/** The chunk when it carries only text (and maybe a role, usage, or a finish reason). */
export function asTextChunk(data: string): TextChunk | null {
  if (data.charCodeAt(0) !== 0x7b /* { */) return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'error' in value) return null;
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length !== 1) return null;
  const choice = choices[0] as Record<string, unknown> | null;
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return null;
  if (Object.keys(choice).some((key) => !CHOICE_KEYS.has(key)) || choice.logprobs != null) return null;
  const delta = choice.delta as Record<string, unknown> | null;
  if (typeof delta !== 'object' || delta === null || Array.isArray(delta)) return null;
  if (Object.keys(delta).some((key) => !DELTA_KEYS.has(key)) || typeof delta.content !== 'string') return null;
  return value as TextChunk;
}

/** `next` may follow `prev` in one chunk: same response, and `prev` did not finish it. */
function canMerge(prev: TextChunk, next: TextChunk): boolean {
  return (
    prev.choices[0].finish_reason == null &&
    prev.id === next.id &&
    prev.model === next.model &&
    prev.created === next.created &&
    (next.choices[0].delta.role === undefined || next.choices[0].delta.role === prev.choices[0].delta.role)
  );
}

/** `next` with the text of both; the role of the first, the usage and finish reason of the last. */
function merge(prev: TextChunk, next: TextChunk): TextChunk {
  const [choice] = next.choices;
  const delta = { ...choice.delta, content: prev.choices[0].delta.content + choice.delta.content };
  if (prev.choices[0].delta.role !== undefined) delta.role = prev.choices[0].delta.role;
  const merged: TextChunk = { ...next, choices: [{ ...choice, delta }] };
  if (merged.usage == null && prev.usage != null) merged.usage = prev.usage;
  return merged;
}

/**
 * Merges runs of plain text events in `events` (complete events, each without its blank
 * line). Returns null when nothing was merged.
 */
export function coalesceEvents(events: string[]): string[] | null {
  const out: string[] = [];
  let pending: TextChunk | null = null;
  let pendingRaw = '';
  let pendingCount = 0;
  let merged = false;
  const flush = () => {
    if (pending) out.push(pendingCount > 1 ? `data: ${JSON.stringify(pending)}` : pendingRaw);
    pending = null;
    pendingCount = 0;
  };
  for (const event of events) {
    const chunk =
      event.startsWith('data:') && !event.includes('\n') && !event.includes('\r')
        ? asTextChunk(event.slice(5).trim())
        : null;
    if (!chunk) {
      flush();
      out.push(event);
    } else if (pending && canMerge(pending, chunk)) {
      pending = merge(pending, chunk);
      pendingCount += 1;
      merged = true;
    } else {
      flush();
      pending = chunk;
      pendingRaw = event;
      pendingCount = 1;
    }
  }
  flush();
  return merged ? out : null;
}

function indexOfBlankLine(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(LF, from); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF) return i;
  }
  return -1;
}

function lastIndexOfBlankLine(bytes: Uint8Array): number {
  for (let i = bytes.lastIndexOf(LF); i > 0; i = bytes.lastIndexOf(LF, i - 1)) {
    if (bytes[i - 1] === LF) return i - 1;
  }
  return -1;
}

/**
 * A coalescer for one response body: call it on every read, in order. `\n\n` always ends
 * an SSE event (JSON has no raw newlines), so the bytes up to the last `\n\n` of a read are
 * whole events, from the read's start when the previous read ended on a blank line, else
 * from the first `\n\n` (before it: the end of an event begun earlier). Those bytes and the
 * ones after the last `\n\n` (the start of the next event) are passed on untouched.
 */
export function createSseCoalescer(): (bytes: Uint8Array) => Uint8Array {
  let atEventStart = true;
  return (bytes) => {
    const wasAtEventStart = atEventStart;
    const n = bytes.length;
    if (n > 0) atEventStart = n >= 2 && bytes[n - 1] === LF && bytes[n - 2] === LF;
    const last = lastIndexOfBlankLine(bytes);
    if (last === -1) return bytes;
    let start = 0;
    if (!wasAtEventStart) {
      const first = indexOfBlankLine(bytes, 0);
      start = first + 2;
      if (last < start) return bytes; // only the end of an earlier event
    }
    const events = decoder.decode(bytes.subarray(start, last)).split('\n\n');
    if (events.length < 2) return bytes;
    const merged = coalesceEvents(events);
    if (!merged) return bytes;
    const middle = encoder.encode(`${merged.join('\n\n')}\n\n`);
    const out = new Uint8Array(start + middle.length + (n - last - 2));
    out.set(bytes.subarray(0, start), 0);
    out.set(middle, start);
    out.set(bytes.subarray(last + 2), start + middle.length);
    return out;
  };
}

/**
 * Joins the upstream's reads into at most one batch per `intervalMs` once a reply's text has
 * begun: the read that comes within the interval of the last batch waits for the interval's end,
 * with whatever else arrives meanwhile, and they are handed on together.
 *
 * Why: at a fast model's pace (a chunk every few ms, as vLLM or NIM send an 8B model's tokens)
 * each chunk on its own crosses the provider's parsing stages, our SSE writer and a socket write
 * (bench/token-cost.ts, docs/performance.md). Handed on together, the coalescer
 * (ui-sse.ts) makes one text chunk of them, so that work is done once per batch. The
 * browser renders streamed text at most every 50 ms (components/chat/ChatApp.tsx), so a wait of
 * 32 ms (the default) is not seen; it is also under the gap between the tokens of a model at
 * 30 tokens/s (33 ms), which is never held. A shorter wait left the per-batch work measurably
 * above a pipe's per-chunk cost (bench `tokencost`, bench/HISTORY.md). What is never held: the
 * first text of a reply (and anything before it, so the time to the first token is the
 * upstream's), a reply slower than one chunk per interval (each chunk goes on as it arrives), the
 * end of the stream, and an error (what came before it is handed on first).
 */

type Read = () => Promise<ReadableStreamReadResult<Uint8Array>>;

export const DEFAULT_BATCH_INTERVAL_MS = 32;

/** SWALLOW_STREAM_BATCH_MS: a whole number of milliseconds; 0 or `off` turns batching off. */
export function resolveBatchInterval(value: string | undefined): number {
  if (value?.trim() === 'off') return 0;
  const n = Number(value?.trim() || NaN);
  return Number.isInteger(n) && n >= 0 && n <= 1000 ? n : DEFAULT_BATCH_INTERVAL_MS;
}

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
