import 'server-only';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { extractReasoningMiddleware, wrapLanguageModel } from 'ai';
import type { Endpoint } from './endpoint';
import { resolveBatchInterval } from './read-batches';
import { createSseCoalescer } from './sse-coalesce';
import { withStallTimeouts, type StallTimeouts } from './stall-timeout';

export type ChatModel = ReturnType<typeof wrapLanguageModel>;
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
/** SWALLOW_STREAM_BATCH_MS (read-batches.ts): 32 ms unless set; 0 (or off) hands every read on alone. */
export const STREAM_BATCH_MS_DEFAULT = resolveBatchInterval(process.env.SWALLOW_STREAM_BATCH_MS);

const models = new Map<string, ChatModel>();
/** Qwen3's (and DeepSeek-R1's) inline reasoning: `<think>…</think>` before the answer. */
const THINK_TAG = 'think';
const MAX_CACHED_MODELS = 32;

/**
 * The AI SDK chat model for an endpoint and model id, built once. Building one compiles the
 * provider's zod schema for stream chunks (CPU per request: bench `tokencost`); the model keeps no state
 * between calls. A stalled upstream fails as upstream_timeout instead of hanging until the
 * platform limit; text chunks that arrive in one read, or in one batch of reads once the text has
 * begun (read-batches.ts), are merged before the SDK parses them (sse-coalesce.ts). For a
 * reasoning model (its profile, lib/server/model/registry.ts), `<think>…</think>` in the text becomes
 * reasoning parts, as `reasoning_content` / `reasoning` deltas already do in
 * the provider: a server without a reasoning parser (vLLM without --reasoning-parser, llama.cpp)
 * sends Qwen3's thinking inline.
 */
export function chatModel(
  endpoint: Endpoint,
  timeouts: StallTimeouts,
  modelId: string,
  coalesceSse = SSE_COALESCING_DEFAULT,
  reasoning = false,
  batchMs = STREAM_BATCH_MS_DEFAULT,
): ChatModel {
  const key = JSON.stringify([
    endpoint.baseURL,
    endpoint.apiKey ?? null,
    endpoint.basicAuth ?? null,
    timeouts.firstByteMs,
    timeouts.idleMs,
    modelId,
    coalesceSse,
    reasoning,
    batchMs,
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
      // Batching only pays with the coalescer, which makes one chunk of a batch's text.
      fetch: withStallTimeouts(
        timeouts,
        upstreamFetch,
        coalesceSse ? { eventStreamChunk: createSseCoalescer, eventStreamBatchMs: batchMs } : {},
      ),
    });
    const base = provider.chatModel(modelId);
    model = reasoning
      ? wrapLanguageModel({ model: base, middleware: extractReasoningMiddleware({ tagName: THINK_TAG }) })
      : base;
    if (models.size >= MAX_CACHED_MODELS) models.clear();
    models.set(key, model);
  }
  return model;
}
