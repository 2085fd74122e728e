import 'server-only';
import { resolveDeploymentModels } from '@/lib/server/model/deployment';
import type { CodeTarget, ModelProfile } from '@/lib/shared/model/profile';
import { DEFAULT_CONTEXT_TOKENS, NVIDIA_BASE_URL } from '../../shared/ai/defaults';
import { resolveStallTimeouts, type StallTimeouts } from './stall-timeout';

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
