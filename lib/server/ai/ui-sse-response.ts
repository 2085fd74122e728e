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
import 'server-only';
import {
  createUIMessageStream,
  createUIMessageStreamResponse,
  UI_MESSAGE_STREAM_HEADERS,
  type InferUIMessageChunk,
} from 'ai';
import type { ChatMessage } from '@/lib/shared/ai/message';

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
