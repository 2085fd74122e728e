import 'server-only';
import { DEFAULT_CONTEXT_TOKENS, DEFAULT_MODELS, NVIDIA_BASE_URL } from './defaults';
import { resolveStallTimeouts, type StallTimeouts } from './stall-timeout';

type Env = Record<string, string | undefined>;

export interface Endpoint {
  kind: 'nvidia' | 'custom';
  baseURL: string;
  apiKey?: string;
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
  const baseURL = clean(env.SWALLOW_BASE_URL);
  if (baseURL) {
    return { kind: 'custom', baseURL: baseURL.replace(/\/+$/, ''), apiKey: clean(env.SWALLOW_API_KEY) };
  }
  const nvidiaKey = clean(env.NVIDIA_API_KEY);
  if (nvidiaKey) return { kind: 'nvidia', baseURL: NVIDIA_BASE_URL, apiKey: nvidiaKey };
  return null;
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
