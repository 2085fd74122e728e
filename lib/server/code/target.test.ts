import { describe, expect, it } from 'vitest';
import { codeTarget, publicBaseUrl } from './target';

describe('codeTarget', () => {
  it('prints NVIDIA’s public URL and reads the key from NVIDIA_API_KEY', () => {
    const target = codeTarget({ NVIDIA_API_KEY: 'nvapi-secret' });
    expect(target).toEqual({
      baseURL: 'https://integrate.api.nvidia.com/v1',
      baseURLEnv: 'SWALLOW_BASE_URL',
      apiKeyEnv: 'NVIDIA_API_KEY',
      keyOptional: false,
    });
    expect(JSON.stringify(target)).not.toContain('nvapi-secret');
  });

  it('falls back to NVIDIA when nothing is configured', () => {
    expect(codeTarget({}).baseURL).toBe('https://integrate.api.nvidia.com/v1');
  });

  it('never shows a custom SWALLOW_BASE_URL or its key', () => {
    const target = codeTarget({
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
    const target = codeTarget({
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
