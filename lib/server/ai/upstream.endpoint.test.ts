import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, NVIDIA_BASE_URL } from '../../shared/model/profile';
import {
  endpointWarnings,
  getServerConfig,
  publicBaseUrl,
  resolveCodeTarget,
  resolveEndpoint,
  toPublicConfig,
} from './upstream';

describe('resolveEndpoint', () => {
  it('is null when nothing is configured', () => {
    expect(resolveEndpoint({})).toBeNull();
    expect(resolveEndpoint({ NVIDIA_API_KEY: '  ' })).toBeNull();
  });

  it('uses NVIDIA with NVIDIA_API_KEY', () => {
    expect(resolveEndpoint({ NVIDIA_API_KEY: 'nvapi-test' })).toEqual({
      kind: 'nvidia',
      baseURL: NVIDIA_BASE_URL,
      apiKey: 'nvapi-test',
    });
  });

  it('prefers SWALLOW_BASE_URL (self-hosted) and trims the trailing slash', () => {
    expect(resolveEndpoint({ SWALLOW_BASE_URL: 'http://localhost:11434/v1/', NVIDIA_API_KEY: 'nvapi-test' })).toEqual({
      kind: 'custom',
      baseURL: 'http://localhost:11434/v1',
    });
    expect(resolveEndpoint({ SWALLOW_BASE_URL: 'http://vllm:8000/v1', SWALLOW_API_KEY: 'k' })?.apiKey).toBe('k');
  });
});

describe('a base URL with credentials', () => {
  it('moves them to Basic auth (fetch refuses such a URL), unless an API key is set', () => {
    expect(resolveEndpoint({ SWALLOW_BASE_URL: 'http://me:p%40ss@vllm:8000/v1/' })).toEqual({
      kind: 'custom',
      baseURL: 'http://vllm:8000/v1',
      basicAuth: 'me:p@ss',
    });
    expect(resolveEndpoint({ SWALLOW_BASE_URL: 'http://me:pw@vllm:8000/v1', SWALLOW_API_KEY: 'k' })).toEqual({
      kind: 'custom',
      baseURL: 'http://vllm:8000/v1',
      apiKey: 'k',
    });
    expect(endpointWarnings({ SWALLOW_BASE_URL: 'http://me:pw@vllm:8000/v1', SWALLOW_API_KEY: 'k' })).toHaveLength(1);
    expect(endpointWarnings({ SWALLOW_BASE_URL: 'http://me:pw@vllm:8000/v1' })).toEqual([]);
  });
});

describe('getServerConfig', () => {
  it('defaults to both Swallow models and an 8192-token context', () => {
    expect(getServerConfig({})).toMatchObject({ models: DEFAULT_MODELS, contextTokens: 8192 });
  });

  it('reads SWALLOW_MODELS (first is the default) and SWALLOW_CONTEXT_TOKENS', () => {
    const config = getServerConfig({ SWALLOW_MODELS: ' a , b,,a', SWALLOW_CONTEXT_TOKENS: '32768' });
    expect(config.models).toEqual(['a', 'b']);
    expect(config.contextTokens).toBe(32768);
    expect(getServerConfig({ SWALLOW_CONTEXT_TOKENS: 'lots' }).contextTokens).toBe(8192);
  });

  it('never exposes the key or base URL to the browser', () => {
    const visible = JSON.stringify(
      toPublicConfig(getServerConfig({ NVIDIA_API_KEY: 'secret-marker', SWALLOW_BASE_URL: 'http://private:1/v1' })),
    );
    expect(visible).not.toContain('secret-marker');
    expect(visible).not.toContain('private');
    expect(JSON.parse(visible).configured).toBe(true);
  });
});

describe('resolveCodeTarget', () => {
  it('prints NVIDIA’s public URL and reads the key from NVIDIA_API_KEY', () => {
    const target = resolveCodeTarget({ NVIDIA_API_KEY: 'nvapi-secret' });
    expect(target).toEqual({
      baseURL: 'https://integrate.api.nvidia.com/v1',
      baseURLEnv: 'SWALLOW_BASE_URL',
      apiKeyEnv: 'NVIDIA_API_KEY',
      keyOptional: false,
    });
    expect(JSON.stringify(target)).not.toContain('nvapi-secret');
  });

  it('falls back to NVIDIA when nothing is configured', () => {
    expect(resolveCodeTarget({}).baseURL).toBe('https://integrate.api.nvidia.com/v1');
  });

  it('never shows a custom SWALLOW_BASE_URL or its key', () => {
    const target = resolveCodeTarget({
      SWALLOW_BASE_URL: 'http://10.1.2.3:8000/v1',
      SWALLOW_API_KEY: 'vllm-secret',
      NVIDIA_API_KEY: 'nvapi-secret',
    });
    expect(target).toEqual({
      baseURL: null,
      baseURLEnv: 'SWALLOW_BASE_URL',
      apiKeyEnv: 'SWALLOW_API_KEY',
      keyOptional: true,
    });
    expect(JSON.stringify(target)).not.toMatch(/10\.1\.2\.3|secret/);
  });

  it('shows a custom endpoint’s URL only when the operator declares it public', () => {
    const target = resolveCodeTarget({
      SWALLOW_BASE_URL: 'http://vllm.internal:8000/v1',
      SWALLOW_PUBLIC_BASE_URL: 'https://llm.example.com/v1/',
    });
    expect(target.baseURL).toBe('https://llm.example.com/v1');
  });
});

describe('publicBaseUrl', () => {
  it.each([
    ['https://llm.example.com/v1', 'https://llm.example.com/v1'],
    ['  http://llm.example.com:8080/v1//  ', 'http://llm.example.com:8080/v1'],
  ])('accepts %j', (raw, expected) => expect(publicBaseUrl(raw)).toBe(expected));

  it.each([
    undefined,
    '',
    'not a url',
    'ftp://llm.example.com/v1',
    'https://user:pass@llm.example.com/v1',
    'https://token@llm.example.com/v1',
    'https://llm.example.com/v1?api_key=secret',
    'https://llm.example.com/v1#secret',
    'javascript:alert(1)',
  ])('refuses %j (could not be reached or could carry a secret)', (raw) => expect(publicBaseUrl(raw)).toBeNull());
});
