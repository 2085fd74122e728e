import { NVIDIA_BASE_URL } from '@/lib/shared/ai/defaults';
import { resolveEndpoint } from '@/lib/server/ai/endpoint';

type Env = Record<string, string | undefined>;

/**
 * Where "view code" snippets send their request, as far as a visitor may know it.
 * The key is never part of it: snippets read it from an environment variable.
 */
export interface CodeTarget {
  /** The base URL to print, or null to read it from `baseURLEnv` instead. */
  baseURL: string | null;
  baseURLEnv: 'SWALLOW_BASE_URL';
  apiKeyEnv: 'NVIDIA_API_KEY' | 'SWALLOW_API_KEY';
  /** A self-hosted server usually needs no key: snippets then fall back to a dummy one. */
  keyOptional: boolean;
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
export function codeTarget(env: Env): CodeTarget {
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
