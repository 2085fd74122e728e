import 'server-only';
import { DEFAULT_CONTEXT_TOKENS, DEFAULT_MODELS, NVIDIA_BASE_URL } from './defaults';
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
  contextTokens: number;
  /** First-byte and idle timeouts for upstream streams. */
  timeouts: StallTimeouts;
}

/** What the browser may know: never the key, never the base URL of a private server. */
export interface PublicConfig {
  configured: boolean;
  models: string[];
  contextTokens: number;
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

export function resolveModels(env: Env): string[] {
  const listed = (env.SWALLOW_MODELS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return listed.length > 0 ? [...new Set(listed)] : DEFAULT_MODELS;
}

export function resolveContextTokens(env: Env): number {
  const value = Number(clean(env.SWALLOW_CONTEXT_TOKENS));
  return Number.isInteger(value) && value >= 256 ? value : DEFAULT_CONTEXT_TOKENS;
}

export function getServerConfig(env: Env = process.env): ServerConfig {
  return {
    endpoint: resolveEndpoint(env),
    models: resolveModels(env),
    contextTokens: resolveContextTokens(env),
    timeouts: resolveStallTimeouts(env),
  };
}

export function toPublicConfig(config: ServerConfig): PublicConfig {
  return { configured: config.endpoint !== null, models: config.models, contextTokens: config.contextTokens };
}
