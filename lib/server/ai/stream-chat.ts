import 'server-only';
import { generateId } from 'ai';
import { chatModel } from './chat-model';
import type { Endpoint } from './endpoint';
import { STOP_SEQUENCES } from '../../shared/ai/defaults';
import { classifyUpstreamError, serializeChatError } from './errors';
import { endpointSecrets, redactChatError } from './redact';
import { replyChunks, toModelPrompt } from './reply-stream';
import { withRetries } from './retry';
import type { TurnMessage } from '../../shared/ai/context-budget';
import type { ChatRequest } from '../../shared/schemas/chat-request';
import type { StallTimeouts } from './stall-timeout';
import { uiSseResponse } from './ui-sse-response';
import type { ReplyMetadata } from '@/lib/shared/ai/message';
import type { ModelProfile } from '@/lib/shared/model/profile';
import type { ReplyObserver } from '@/lib/server/ops/request-log';
import { SERVER_RESTARTING_RETRY_S, ServerRestartingError } from '@/lib/server/ops/shutdown';
import { trackReply } from '@/lib/server/ops/shutdown-state';

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
  /** Merge text chunks that arrive in one read (sse-coalesce.ts); the environment's default. */
  coalesceSse?: boolean;
  /** Reads joined into one batch per interval once the text has begun (read-batches.ts); the environment's default. */
  batchMs?: number;
  /** The model's profile: a reasoning model's inline <think> text becomes reasoning parts. */
  profile?: Pick<ModelProfile, 'reasoning'>;
}

/**
 * One retry at most, and only after a wait of 2 s or less (retry.ts): the NVIDIA trial tier
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
 * test compares both), one retry, the UI message stream parts (reply-stream.ts).
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
