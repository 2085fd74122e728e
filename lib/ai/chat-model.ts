import 'server-only';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { Endpoint } from './endpoint';
import { createSseCoalescer } from './sse-coalesce';
import { withStallTimeouts, type StallTimeouts } from './stall-timeout';

export type ChatModel = ReturnType<ReturnType<typeof createOpenAICompatible>['chatModel']>;
type FetchFn = typeof globalThis.fetch;

/**
 * The global fetch, looked up on every call, so whatever fetch is installed at that moment is
 * used (in route handlers, Next.js's instrumented fetch; a streaming POST is never cached).
 */
export const upstreamFetch: FetchFn = (input, init) => globalThis.fetch(input, init);

/**
 * The one switch for sse-coalesce.ts, which reads the upstream's chunk JSON before the AI SDK's
 * provider does: `SWALLOW_SSE_COALESCE=off` turns it off (docs/internals.md).
 */
export const SSE_COALESCING_DEFAULT = process.env.SWALLOW_SSE_COALESCE !== 'off';

const models = new Map<string, ChatModel>();
const MAX_CACHED_MODELS = 32;

/**
 * The AI SDK chat model for an endpoint and model id, built once. Building one compiles the
 * provider's zod schema for stream chunks (~0.7 ms of CPU, measured); the model keeps no state
 * between calls. A stalled upstream fails as upstream_timeout instead of hanging until the
 * platform limit; text chunks that arrive in one read are merged before the SDK parses them
 * (sse-coalesce.ts).
 */
export function chatModel(
  endpoint: Endpoint,
  timeouts: StallTimeouts,
  modelId: string,
  coalesceSse = SSE_COALESCING_DEFAULT,
): ChatModel {
  const key = JSON.stringify([
    endpoint.baseURL,
    endpoint.apiKey ?? null,
    endpoint.basicAuth ?? null,
    timeouts.firstByteMs,
    timeouts.idleMs,
    modelId,
    coalesceSse,
  ]);
  let model = models.get(key);
  if (!model) {
    const provider = createOpenAICompatible({
      name: 'swallow',
      baseURL: endpoint.baseURL,
      apiKey: endpoint.apiKey,
      ...(endpoint.basicAuth
        ? { headers: { Authorization: `Basic ${Buffer.from(endpoint.basicAuth).toString('base64')}` } }
        : {}),
      // vLLM only reports usage when asked (stream_options.include_usage).
      includeUsage: true,
      fetch: withStallTimeouts(timeouts, upstreamFetch, coalesceSse ? { eventStreamChunk: createSseCoalescer } : {}),
    });
    model = provider.chatModel(modelId);
    if (models.size >= MAX_CACHED_MODELS) models.clear();
    models.set(key, model);
  }
  return model;
}
