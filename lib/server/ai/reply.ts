// One chat reply on the server, in the order it happens: the request read, checked and fitted to
// the model's window (prepareReply), the model streamed with one retry (streamChat), and the
// stream written to the browser as UI message chunks (replyStream).
import 'server-only';
import { jsonError, readJsonBody } from '@/lib/server/http/read-json';
import { fitRequestToContext, type TurnMessage } from '@/lib/shared/ai/context-budget';
import { getServerConfig, profileOf, type Endpoint, chatModel, type ChatModel } from './upstream';
import { validateChatRequest, type ChatRequest } from '@/lib/shared/schemas/chat-request';
import { generateId } from 'ai';
import { STOP_SEQUENCES } from '@/lib/shared/model/profile';
import { classifyUpstreamError, serializeChatError, endpointSecrets, redactChatError, withRetries } from './errors';
import type { StallTimeouts } from './upstream';
import { uiSseResponse, type UIChunk, type UIChunkSource } from './ui-sse';
import type { ReplyMetadata } from '@/lib/shared/ai/message';
import type { ModelProfile } from '@/lib/shared/model/profile';
import type { ReplyObserver } from '@/lib/server/ops/ops';
import { SERVER_RESTARTING_RETRY_S, ServerRestartingError } from '@/lib/server/ops/ops';
import { trackReply } from '@/lib/server/ops/shutdown-state';

/** The reply's inputs from the request body, or the 4xx/503 that refuses it. */
export async function prepareReply(req: Request) {
  const parsed = await readJsonBody(req);
  if (!parsed.ok) return parsed.response;

  const config = getServerConfig();
  if (config.modelsError) return jsonError('not_configured', config.modelsError);
  const validation = validateChatRequest(parsed.body, config.profiles);
  if (!validation.ok) {
    return jsonError('invalid_request', validation.message, { field: validation.field });
  }
  if (!config.endpoint) {
    return jsonError('not_configured', 'No model endpoint is configured: set NVIDIA_API_KEY or SWALLOW_BASE_URL');
  }

  const { request } = validation;
  // Budgeted against the selected model's own window (its card, or SWALLOW_CONTEXT_TOKENS), counted
  // with its family's tokenizer and chat template (by bytes for a model the registry does not know).
  const profile = profileOf(config, request.model);
  const budget = await fitRequestToContext(request, profile.contextTokens, profile.tokenizer);
  if (!budget.ok) {
    return jsonError('context_too_long', 'The newest message and max_tokens do not fit the context window', {
      field: 'messages',
      promptTokens: budget.promptTokens,
      availableTokens: budget.available,
      contextTokens: profile.contextTokens,
    });
  }
  return {
    endpoint: config.endpoint,
    request,
    profile,
    messages: budget.messages,
    droppedTurns: budget.droppedTurns,
    timeouts: config.timeouts,
  };
}

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
 * writer (ui-sse.ts) pulls from it directly, so the reply takes one stream stage after
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

export interface StreamChatOptions {
  endpoint: Endpoint;
  request: ChatRequest;
  /** The history after context budgeting. */
  messages: TurnMessage[];
  droppedTurns: number;
  signal: AbortSignal;
  timeouts: StallTimeouts;
  /** Runs once when the reply is over: finished, failed, or cancelled by the client (`cancelled`). */
  onClose?: (cancelled: boolean) => void;
  /** Told the first token, the usage and the error code, for the request log. */
  observer?: ReplyObserver;
  /** Merge text chunks that arrive in one read (ui-sse.ts); the environment's default. */
  coalesceSse?: boolean;
  /** Reads joined into one batch per interval once the text has begun (ui-sse.ts); the environment's default. */
  batchMs?: number;
  /** The model's profile: a reasoning model's inline <think> text becomes reasoning parts. */
  profile?: Pick<ModelProfile, 'reasoning'>;
}

/**
 * One retry at most, and only after a wait of 2 s or less (errors.ts): the NVIDIA trial tier
 * allows ~40 requests a minute and every retry spends the user's quota.
 */
const MAX_RETRIES = 1;

/**
 * Streams the completion as an AI SDK UI message stream, with typed error codes.
 *
 * The provider's model (AI SDK, @ai-sdk/openai-compatible) is called directly rather than
 * through `streamText`: for a one-step text reply with no tools, streamText's multi-step and
 * tool machinery, spans, result promises and their stream stages were most of our server's
 * cost (bench `latency` and `tokencost`; the figures in bench/HISTORY.md). What the
 * route relied on from it is kept: the same request to the upstream (prompt conversion; a unit
 * test compares both), one retry, the UI message stream parts (reply.ts).
 */
export function streamChat({
  endpoint,
  request,
  messages,
  droppedTurns,
  signal,
  timeouts,
  onClose,
  coalesceSse,
  batchMs,
  observer,
  profile,
}: StreamChatOptions): Response {
  const model = chatModel(endpoint, timeouts, request.model, coalesceSse, profile?.reasoning ?? false, batchMs);
  // On shutdown, after the grace period (server.ts), the reply ends with server_restarting.
  const interrupt = new AbortController();
  const untrack = trackReply(() => interrupt.abort(new ServerRestartingError()));
  const upstreamSignal = AbortSignal.any([signal, interrupt.signal]);
  const started = withRetries(
    () =>
      model.doStream({
        prompt: toModelPrompt(request.system, messages),
        temperature: request.temperature,
        topP: request.top_p,
        maxOutputTokens: request.max_tokens,
        stopSequences: STOP_SEQUENCES,
        // Top-level body fields, as vLLM and NIM take them: reasoning_effort (GPT-OSS) and
        // chat_template_kwargs (Qwen3's thinking switch); validated against the model's control.
        ...(request.reasoning_effort || request.chat_template_kwargs
          ? {
              providerOptions: {
                swallow: {
                  ...(request.reasoning_effort ? { reasoningEffort: request.reasoning_effort } : {}),
                  ...(request.chat_template_kwargs ? { chat_template_kwargs: request.chat_template_kwargs } : {}),
                },
              },
            }
          : {}),
        abortSignal: upstreamSignal,
      }),
    { maxRetries: MAX_RETRIES, signal: upstreamSignal },
  ).then((result) => result.stream);

  const secrets = endpointSecrets(endpoint, process.env);
  const errorText = (error: unknown) => {
    if (error instanceof ServerRestartingError) {
      observer?.error('server_restarting');
      return serializeChatError({ code: 'server_restarting', retryAfterSeconds: SERVER_RESTARTING_RETRY_S });
    }
    // An upstream may echo the key, or a network error name the private host: never to the browser.
    const classified = redactChatError(classifyUpstreamError(error), secrets);
    console.warn(`[chat] upstream error ${classified.code}${classified.status ? ` (${classified.status})` : ''}`);
    observer?.error(classified.code);
    return serializeChatError(classified);
  };
  // The reply's speed as the server sees the model (shown with each reply, kept in history):
  // from the upstream request to its first text or reasoning, and to its finish.
  const requestedAt = performance.now();
  let ttftMs: number | undefined;
  const chunks = replyChunks({
    started,
    messageId: generateId(),
    startMetadata: { model: request.model, droppedTurns } satisfies ReplyMetadata,
    finishMetadata: (usage) => {
      observer?.usage(usage);
      const durationMs = Math.round(performance.now() - requestedAt);
      return { usage, timing: { ...(ttftMs !== undefined ? { ttftMs } : {}), durationMs } } satisfies ReplyMetadata;
    },
    errorText,
    signal,
    onFirstDelta: () => {
      ttftMs = Math.round(performance.now() - requestedAt);
      observer?.firstToken();
    },
    interrupt: interrupt.signal,
  });
  // no-transform: Next's compression would otherwise gzip the event stream chunk by chunk,
  // which costs CPU on every token and delays each one; the events are small and uncompressed.
  return uiSseResponse(chunks, {
    onError: errorText,
    onClose: (cancelled) => {
      untrack();
      onClose?.(cancelled);
    },
    headers: { 'cache-control': 'no-cache, no-transform' },
  });
}
