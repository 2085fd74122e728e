import { generateId, streamText } from 'ai';
import { chatModel } from './chat-model';
import type { Endpoint } from './endpoint';
import { STOP_SEQUENCES } from './defaults';
import { classifyUpstreamError, serializeChatError } from './errors';
import type { ChatRequest, ChatTurnMessage } from './schema';
import type { StallTimeouts } from './stall-timeout';
import { uiSseResponse } from './ui-sse-response';
import type { ReplyMetadata } from '@/lib/chat/types';

export interface StreamChatOptions {
  endpoint: Endpoint;
  request: ChatRequest;
  /** The history after context budgeting. */
  messages: ChatTurnMessage[];
  droppedTurns: number;
  signal: AbortSignal;
  timeouts: StallTimeouts;
  /** Runs once when the reply is over: finished, failed, or cancelled by the client. */
  onClose?: () => void;
}

/**
 * One retry at most: the NVIDIA trial tier allows ~40 requests a minute and every
 * retry spends the user's quota.
 */
const MAX_RETRIES = 1;

/** Streams the completion as an AI SDK UI message stream, with typed error codes. */
export function streamChat({ endpoint, request, messages, droppedTurns, signal, timeouts, onClose }: StreamChatOptions): Response {
  const result = streamText({
    model: chatModel(endpoint, timeouts, request.model),
    system: request.system.trim() || undefined,
    messages,
    temperature: request.temperature,
    topP: request.top_p,
    maxOutputTokens: request.max_tokens,
    stopSequences: STOP_SEQUENCES,
    maxRetries: MAX_RETRIES,
    abortSignal: signal,
    onError: ({ error }) => {
      const classified = classifyUpstreamError(error);
      console.warn(`[chat] upstream error ${classified.code}${classified.status ? ` (${classified.status})` : ''}`);
    },
  });

  const toErrorText = (error: unknown) => serializeChatError(classifyUpstreamError(error));

  // uiSseResponse does what createUIMessageStream + createUIMessageStreamResponse did, in one
  // stream stage: a connection dropped mid-reply (which errors the stream itself, without an
  // error part) still reaches the browser as an error code.
  const stream = result.toUIMessageStream({
    // A message id on the start part, as createUIMessageStream gave it.
    generateMessageId: generateId,
    messageMetadata: ({ part }): ReplyMetadata | undefined => {
      if (part.type === 'start') return { model: request.model, droppedTurns };
      if (part.type === 'finish') {
        const { inputTokens, outputTokens, totalTokens } = part.totalUsage;
        return { usage: { inputTokens, outputTokens, totalTokens } };
      }
      return undefined;
    },
    onError: toErrorText,
  });
  // no-transform: Next's compression would otherwise gzip the event stream chunk by chunk,
  // which costs CPU on every token and delays each one; the events are small and uncompressed.
  return uiSseResponse(stream, { onError: toErrorText, onClose, headers: { 'cache-control': 'no-cache, no-transform' } });
}
