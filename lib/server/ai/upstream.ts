// The upstream model on the server: the endpoint and models this deployment serves
// (getServerConfig), the AI SDK model that calls it (chatModel), and the stall timeouts that end
// a silent upstream (withStallTimeouts).
import 'server-only';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { extractReasoningMiddleware, wrapLanguageModel } from 'ai';
import { resolveBatchInterval, readInBatches, createSseCoalescer } from './ui-sse';
import { resolveDeploymentModels } from '@/lib/server/model/registry';
import type { CodeTarget, ModelProfile } from '@/lib/shared/model/profile';
import { DEFAULT_CONTEXT_TOKENS, NVIDIA_BASE_URL } from '@/lib/shared/model/profile';

/**
 * Stall timeouts for upstream calls. A fetch wrapper (handed to the AI SDK provider) that
 * fails the call when the upstream sends nothing for too long:
 *
 * - first byte: from the request until the first body byte (headers alone do not count);
 * - idle: between two body chunks, counted only while we are waiting for the upstream
 *   (a slow browser that applies backpressure never trips it).
 *
 * The failure is an `UpstreamTimeoutError`, deliberately not an abort: the AI SDK treats
 * abort-like errors (AbortError, TimeoutError) as the user stopping, and reports no error.
 * The upstream connection is closed either way.
 */

export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface StallTimeouts {
  firstByteMs: number;
  idleMs: number;
}

export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  constructor(
    readonly phase: 'first-byte' | 'idle',
    readonly afterMs: number,
  ) {
    super(
      phase === 'first-byte'
        ? `No response from the model server within ${afterMs / 1000} s`
        : `The model server sent nothing for ${afterMs / 1000} s`,
    );
  }
}

export function isUpstreamTimeoutError(e: unknown): e is UpstreamTimeoutError {
  return e instanceof Error && e.name === 'UpstreamTimeoutError';
}

const positiveMs = (value: string | undefined, fallback: number) => {
  const n = Number(value?.trim());
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** SWALLOW_FIRST_BYTE_TIMEOUT_MS and SWALLOW_IDLE_TIMEOUT_MS (milliseconds, positive integers). */
export function resolveStallTimeouts(env: Record<string, string | undefined>): StallTimeouts {
  return {
    firstByteMs: positiveMs(env.SWALLOW_FIRST_BYTE_TIMEOUT_MS, DEFAULT_FIRST_BYTE_TIMEOUT_MS),
    idleMs: positiveMs(env.SWALLOW_IDLE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS),
  };
}

type FetchFn = typeof globalThis.fetch;

export interface StallTimeoutOptions {
  /**
   * For `text/event-stream` bodies: makes a function applied to every chunk read (in order)
   * before it is passed on, e.g. a coalescer. It runs in this wrapper's own stream stage,
   * so it adds none.
   */
  eventStreamChunk?: () => (chunk: Uint8Array) => Uint8Array;
  /** For `text/event-stream` bodies: reads joined into one batch per interval (ui-sse.ts). */
  eventStreamBatchMs?: number;
}

/** Wraps `fetchImpl` so that a stalled upstream fails with UpstreamTimeoutError. */
export function withStallTimeouts(
  timeouts: StallTimeouts,
  fetchImpl: FetchFn = globalThis.fetch,
  options: StallTimeoutOptions = {},
): FetchFn {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal ?? undefined;
    const forwardAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) forwardAbort();
    else outer?.addEventListener('abort', forwardAbort, { once: true });

    // One timer at a time, not one per chunk: a chunk only marks that we stopped waiting; when
    // the timer fires it checks how long the current wait has lasted and re-arms for the rest.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut: UpstreamTimeoutError | undefined;
    let phase: UpstreamTimeoutError['phase'] = 'first-byte';
    let limitMs = 0;
    let waitingSince: number | null = null;
    const check = () => {
      timer = undefined;
      if (waitingSince === null) return;
      const left = limitMs - (performance.now() - waitingSince);
      if (left > 0) {
        timerDue = performance.now() + left;
        timer = setTimeout(check, left);
        return;
      }
      timedOut = new UpstreamTimeoutError(phase, limitMs);
      controller.abort(timedOut);
    };
    let timerDue = 0;
    const arm = (nextPhase: UpstreamTimeoutError['phase'], ms: number) => {
      phase = nextPhase;
      limitMs = ms;
      waitingSince = performance.now();
      // A pending timer that fires by this wait's deadline is reused (it re-arms for the rest).
      if (timer !== undefined && timerDue <= waitingSince + ms) return;
      clearTimeout(timer);
      timerDue = waitingSince + ms;
      timer = setTimeout(check, ms);
    };
    const stopWaiting = () => {
      waitingSince = null;
    };
    const settle = () => {
      waitingSince = null;
      clearTimeout(timer);
      timer = undefined;
      outer?.removeEventListener('abort', forwardAbort);
    };

    arm('first-byte', timeouts.firstByteMs);
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, signal: controller.signal });
    } catch (error) {
      settle();
      throw timedOut ?? error;
    }
    if (!response.body) {
      settle();
      return response;
    }

    const reader = response.body.getReader();
    const isEventStream = response.headers.get('content-type')?.toLowerCase().includes('text/event-stream') ?? false;
    const mapChunk = isEventStream ? options.eventStreamChunk?.() : undefined;
    let sawFirstByte = false;
    const readUpstream = async () => {
      // The first-byte timer is still running from the request; later waits get the idle timer.
      if (sawFirstByte) arm('idle', timeouts.idleMs);
      const result = await reader.read();
      if (!result.done && result.value.byteLength > 0) {
        sawFirstByte = true;
        stopWaiting();
      }
      return result;
    };
    const read = isEventStream ? readInBatches(readUpstream, options.eventStreamBatchMs ?? 0) : readUpstream;
    const body = new ReadableStream<Uint8Array>({
      async pull(sink) {
        try {
          const { done, value } = await read();
          if (done) {
            settle();
            sink.close();
            return;
          }
          sink.enqueue(mapChunk ? mapChunk(value) : value);
        } catch (error) {
          settle();
          sink.error(timedOut ?? error);
        }
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

type Env = Record<string, string | undefined>;

export interface Endpoint {
  kind: 'nvidia' | 'custom';
  /** Without credentials: fetch refuses a URL that carries them. */
  baseURL: string;
  apiKey?: string;
  /** `user:password` of a base URL written with credentials, sent as HTTP Basic auth instead. */
  basicAuth?: string;
}

export interface ServerConfig {
  /** null when neither SWALLOW_BASE_URL nor NVIDIA_API_KEY is set. */
  endpoint: Endpoint | null;
  models: string[];
  /** Each offered model's window, sampling and system prompt (lib/server/model/registry.ts), same order. */
  profiles: ModelProfile[];
  /** A mistake in SWALLOW_MODELS / SWALLOW_MODEL_OPTIONS: logged at startup, chat answers 503. */
  modelsError?: string;
  /** SWALLOW_CONTEXT_TOKENS: the window of a model the registry does not know. */
  contextTokens: number;
  /** First-byte and idle timeouts for upstream streams. */
  timeouts: StallTimeouts;
  /** Where "view code" snippets point (resolveCodeTarget). */
  codeTarget: CodeTarget;
  /** SWALLOW_MODEL_TITLES: whether the model is asked for each new conversation's title (on unless `off`). */
  modelTitles: boolean;
}

/** What the browser may know: never the key, never the base URL of a private server. */
export interface PublicConfig {
  configured: boolean;
  models: string[];
  /** Per model: what the settings, budgets and compare columns need (no sources, nothing secret). */
  profiles: ModelProfile[];
  contextTokens: number;
  /** Where "view code" snippets point: NVIDIA's public URL, or a placeholder for a private server. */
  codeTarget: CodeTarget;
  /** Whether the browser may ask the model for a conversation's title (POST /api/chat?mode=title). */
  modelTitles: boolean;
}

const clean = (value: string | undefined) => value?.trim() || undefined;

/** SWALLOW_BASE_URL wins over the NVIDIA default so self-hosted servers need one variable. */
export function resolveEndpoint(env: Env): Endpoint | null {
  const configured = clean(env.SWALLOW_BASE_URL);
  if (configured) {
    const { baseURL, basicAuth } = splitCredentials(configured.replace(/\/+$/, ''));
    const apiKey = clean(env.SWALLOW_API_KEY);
    // One Authorization header: an API key, when set, is what the server gets.
    return { kind: 'custom', baseURL, ...(apiKey ? { apiKey } : basicAuth ? { basicAuth } : {}) };
  }
  const nvidiaKey = clean(env.NVIDIA_API_KEY);
  if (nvidiaKey) return { kind: 'nvidia', baseURL: NVIDIA_BASE_URL, apiKey: nvidiaKey };
  return null;
}

/** `http://user:pass@host/v1` → `http://host/v1` and `user:pass` (decoded), as curl would send it. */
export function splitCredentials(baseURL: string): { baseURL: string; basicAuth?: string } {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return { baseURL };
  }
  if (!url.username && !url.password) return { baseURL };
  const basicAuth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { baseURL: url.href.replace(/\/+$/, ''), basicAuth };
}

/** Said once at startup: settings that work, but not the way their author may think. */
export function endpointWarnings(env: Env): string[] {
  const configured = clean(env.SWALLOW_BASE_URL);
  if (configured && clean(env.SWALLOW_API_KEY) && splitCredentials(configured).basicAuth) {
    return ['SWALLOW_BASE_URL carries credentials and SWALLOW_API_KEY is set: only the API key is sent.'];
  }
  return [];
}

export function resolveContextTokens(env: Env): number {
  const value = Number(clean(env.SWALLOW_CONTEXT_TOKENS));
  return Number.isInteger(value) && value >= 256 ? value : DEFAULT_CONTEXT_TOKENS;
}

/** `SWALLOW_MODEL_TITLES=off` (or 0, false, no): conversations keep their first-line titles. */
export function resolveModelTitles(env: Env): boolean {
  return !/^(?:off|0|false|no)$/i.test(clean(env.SWALLOW_MODEL_TITLES) ?? '');
}

export function getServerConfig(env: Env = process.env): ServerConfig {
  const contextTokens = resolveContextTokens(env);
  const { models, profiles, error } = resolveDeploymentModels(env, contextTokens);
  return {
    endpoint: resolveEndpoint(env),
    models,
    profiles,
    ...(error ? { modelsError: error } : {}),
    contextTokens,
    timeouts: resolveStallTimeouts(env),
    codeTarget: resolveCodeTarget(env),
    modelTitles: resolveModelTitles(env),
  };
}

/** The profile a request's model is served with (it was validated against `models`). */
export function profileOf(config: ServerConfig, model: string): ModelProfile {
  const profile = config.profiles.find((p) => p.id === model);
  if (!profile) throw new Error(`No profile for model ${model}`);
  return profile;
}

export function toPublicConfig(config: ServerConfig): PublicConfig {
  return {
    configured: config.endpoint !== null && !config.modelsError,
    models: config.models,
    profiles: config.profiles,
    contextTokens: config.contextTokens,
    codeTarget: config.codeTarget,
    modelTitles: config.modelTitles,
  };
}

/**
 * A URL an operator declared public (SWALLOW_PUBLIC_BASE_URL): http(s) only, and nothing
 * that could carry a secret (user:password@, query, fragment). Otherwise null.
 */
export function publicBaseUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url.href.replace(/\/+$/, '');
}

/**
 * NVIDIA's catalog URL is public and is printed as is (also when nothing is configured:
 * it is the default a visitor would use). A custom SWALLOW_BASE_URL is not shown: it often
 * names a private host (localhost, 10.x, an internal DNS name) that a visitor cannot reach
 * and should not learn, and may carry credentials. Snippets read $SWALLOW_BASE_URL instead,
 * unless the operator opts in with SWALLOW_PUBLIC_BASE_URL.
 */
export function resolveCodeTarget(env: Env): CodeTarget {
  const endpoint = resolveEndpoint(env);
  if (endpoint?.kind === 'custom') {
    return {
      baseURL: publicBaseUrl(env.SWALLOW_PUBLIC_BASE_URL),
      baseURLEnv: 'SWALLOW_BASE_URL',
      apiKeyEnv: 'SWALLOW_API_KEY',
      keyOptional: true,
    };
  }
  return { baseURL: NVIDIA_BASE_URL, baseURLEnv: 'SWALLOW_BASE_URL', apiKeyEnv: 'NVIDIA_API_KEY', keyOptional: false };
}

export type ChatModel = ReturnType<typeof wrapLanguageModel>;

/**
 * The global fetch, looked up on every call, so whatever fetch is installed at that moment is
 * used (in route handlers, Next.js's instrumented fetch; a streaming POST is never cached).
 */
export const upstreamFetch: FetchFn = (input, init) => globalThis.fetch(input, init);

/**
 * The one switch for ui-sse.ts, which reads the upstream's chunk JSON before the AI SDK's
 * provider does: `SWALLOW_SSE_COALESCE=off` turns it off (docs/internals.md).
 */
export const SSE_COALESCING_DEFAULT = process.env.SWALLOW_SSE_COALESCE !== 'off';
/** SWALLOW_STREAM_BATCH_MS (ui-sse.ts): 32 ms unless set; 0 (or off) hands every read on alone. */
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
 * begun (ui-sse.ts), are merged before the SDK parses them (ui-sse.ts). For a
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
