import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { Endpoint } from './endpoint';
import { createSseCoalescer } from './sse-coalesce';
import { withStallTimeouts, type StallTimeouts } from './stall-timeout';

export type ChatModel = ReturnType<ReturnType<typeof createOpenAICompatible>['chatModel']>;
type FetchFn = typeof globalThis.fetch;

/**
 * The runtime's own fetch. Next.js wraps `globalThis.fetch` in route handlers for its data
 * cache and tracing; for a streaming POST (never cached) the wrapper only costs time: it
 * re-creates the request and opens a span, ~1 ms of CPU before every upstream call. Next keeps
 * the function it wrapped as `_nextOriginalFetch`; where it does not, this is the global fetch.
 * Looked up on every call, so whatever fetch is installed at that moment is used.
 */
export const upstreamFetch: FetchFn = (input, init) => {
  const current = globalThis.fetch as FetchFn & { _nextOriginalFetch?: FetchFn };
  return (current._nextOriginalFetch ?? current)(input, init);
};

const models = new Map<string, ChatModel>();
const MAX_CACHED_MODELS = 32;

/**
 * The AI SDK chat model for an endpoint and model id, built once. Building one compiles the
 * provider's zod schema for stream chunks (~0.7 ms of CPU, measured); the model keeps no state
 * between calls. A stalled upstream fails as upstream_timeout instead of hanging until the
 * platform limit; text chunks that arrive in one read are merged before the SDK parses them
 * (sse-coalesce.ts).
 */
export function chatModel(endpoint: Endpoint, timeouts: StallTimeouts, modelId: string): ChatModel {
  const key = JSON.stringify([endpoint.baseURL, endpoint.apiKey ?? null, timeouts.firstByteMs, timeouts.idleMs, modelId]);
  let model = models.get(key);
  if (!model) {
    const provider = createOpenAICompatible({
      name: 'swallow',
      baseURL: endpoint.baseURL,
      apiKey: endpoint.apiKey,
      // vLLM only reports usage when asked (stream_options.include_usage).
      includeUsage: true,
      fetch: withStallTimeouts(timeouts, upstreamFetch, { eventStreamChunk: createSseCoalescer }),
    });
    model = provider.chatModel(modelId);
    if (models.size >= MAX_CACHED_MODELS) models.clear();
    models.set(key, model);
  }
  return model;
}
