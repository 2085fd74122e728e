import 'server-only';
import type { ChatModel } from './chat-model';
import type { TurnMessage } from '../../shared/ai/context-budget';
import type { UIChunk, UIChunkSource } from './ui-sse-response';
import type { ReplyMetadata } from '@/lib/shared/ai/message';

type ModelCall = Parameters<ChatModel['doStream']>[0];
type ModelStream = Awaited<ReturnType<ChatModel['doStream']>>['stream'];
export type ModelStreamPart = ModelStream extends ReadableStream<infer Part> ? Part : never;
type ModelUsage = Extract<ModelStreamPart, { type: 'finish' }>['usage'];

/** What `streamText` sends the provider for a system prompt and text-only turns. */
export function toModelPrompt(system: string, messages: TurnMessage[]): ModelCall['prompt'] {
  const trimmed = system.trim();
  return [
    ...(trimmed ? [{ role: 'system' as const, content: trimmed }] : []),
    ...messages.map(({ role, content }) => ({ role, content: [{ type: 'text' as const, text: content }] })),
  ];
}

export interface ReplyUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** The provider's usage as `streamText` reports it (`totalUsage` of a one-step reply). */
export function replyUsage({ inputTokens, outputTokens }: ModelUsage): ReplyUsage {
  const input = inputTokens.total;
  const output = outputTokens.total;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0),
  };
}

export interface ReplyChunkOptions {
  /** The provider stream, once the model call has been answered (rejects if it failed). */
  started: Promise<ModelStream>;
  messageId: string;
  startMetadata: ReplyMetadata;
  finishMetadata: (usage: ReplyUsage) => ReplyMetadata;
  /** Turns an error part of the provider stream into its `errorText`. */
  errorText: (error: unknown) => string;
  /** The client's signal: once it has aborted, the reply just ends (nobody is reading). */
  signal: AbortSignal;
  /** Runs at the first text or reasoning delta (time to first token, for the request log). */
  onFirstDelta?: () => void;
  /**
   * The server is shutting down: the upstream stream is cancelled and the next read rejects
   * with the signal's reason (which the SSE writer turns into an `error` part).
   */
  interrupt?: AbortSignal;
}

/**
 * The UI message chunks of a one-step text reply, read straight from the provider's stream:
 * the parts `streamText` + `toUIMessageStream` would send for it (start, start-step, text and
 * reasoning parts, error parts, finish-step, finish). Read like a stream but not one: the SSE
 * writer (ui-sse-response.ts) pulls from it directly, so the reply takes one stream stage after
 * the provider's instead of ~15. A failed model call rejects a read; the writer turns that
 * into an `error` part, as before.
 */
export function replyChunks({
  started,
  messageId,
  startMetadata,
  finishMetadata,
  errorText,
  signal,
  onFirstDelta,
  interrupt,
}: ReplyChunkOptions): UIChunkSource {
  let reader: ReadableStreamDefaultReader<ModelStreamPart> | undefined;
  let cancelled = false;
  let interrupted = false;
  const pending: UIChunk[] = [{ type: 'start', messageMetadata: startMetadata, messageId }];
  const end = { done: true as const, value: undefined };
  // The call is under way before the first read; its failure is reported by the read.
  started.catch(() => {});

  async function next(): Promise<ReadableStreamReadResult<UIChunk>> {
    if (!reader) {
      let stream: ModelStream;
      try {
        stream = await started;
      } catch (error) {
        if (interrupted) throw interrupt!.reason;
        if (signal.aborted) return end;
        throw error;
      }
      reader = stream.getReader();
      if (cancelled || interrupted) {
        await reader.cancel().catch(() => {});
        if (interrupted) throw interrupt!.reason;
        await reader.cancel().catch(() => {});
        return end;
      }
      return { done: false, value: { type: 'start-step' } };
    }
    for (;;) {
      let result: ReadableStreamReadResult<ModelStreamPart>;
      try {
        result = await reader.read();
      } catch (error) {
        if (interrupted) throw interrupt!.reason;
        if (signal.aborted) return end;
        throw error;
      }
      // A read pending when the stream was cancelled resolves as done.
      if (interrupted) throw interrupt!.reason;
      if (result.done) return end;
      const chunks = toUIChunks(result.value, { finishMetadata, errorText });
      if (!chunks) continue;
      if (onFirstDelta && (result.value.type === 'text-delta' || result.value.type === 'reasoning-delta')) {
        onFirstDelta();
        onFirstDelta = undefined;
      }
      pending.push(...chunks.slice(1));
      return { done: false, value: chunks[0] };
    }
  }

  const cancelUpstream = async (reason?: unknown) => {
    if (reader) await reader.cancel(reason);
    else
      started
        .then(
          (stream) => stream.cancel(reason),
          () => {},
        )
        .catch(() => {});
  };
  interrupt?.addEventListener(
    'abort',
    () => {
      interrupted = true;
      cancelUpstream(interrupt.reason).catch(() => {});
    },
    { once: true },
  );

  return {
    read: async () => {
      if (interrupted) throw interrupt!.reason;
      return pending.length ? { done: false, value: pending.shift()! } : next();
    },
    async cancel(reason) {
      cancelled = true;
      await cancelUpstream(reason);
    },
  };
}

function toUIChunks(
  part: ModelStreamPart,
  { finishMetadata, errorText }: Pick<ReplyChunkOptions, 'finishMetadata' | 'errorText'>,
): UIChunk[] | null {
  switch (part.type) {
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
      return [
        { type: part.type, id: part.id, ...(part.providerMetadata ? { providerMetadata: part.providerMetadata } : {}) },
      ];
    case 'text-delta':
    case 'reasoning-delta':
      return [
        {
          type: part.type,
          id: part.id,
          delta: part.delta,
          ...(part.providerMetadata ? { providerMetadata: part.providerMetadata } : {}),
        },
      ];
    case 'error':
      return [{ type: 'error', errorText: errorText(part.error) }];
    case 'finish':
      return [
        { type: 'finish-step' },
        {
          type: 'finish',
          finishReason: part.finishReason.unified,
          messageMetadata: finishMetadata(replyUsage(part.usage)),
        },
      ];
    default:
      // stream-start (warnings), response-metadata, raw; no tools are offered to the model.
      return null;
  }
}
