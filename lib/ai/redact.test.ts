import { describe, expect, it } from 'vitest';
import { endpointSecrets, redactChatError, redactSecrets, withoutAddresses } from './redact';

const KEY = 'nvapi-FAKE-not-a-real-key-0123456789';

describe('endpointSecrets', () => {
  it('names the key, the base URL, its origin, host and URL credentials, longest first', () => {
    const secrets = endpointSecrets({ kind: 'custom', baseURL: 'http://swallow:p%40ss@10.1.2.3:8000/v1', apiKey: KEY });
    expect(secrets).toEqual(
      expect.arrayContaining([
        KEY,
        'http://swallow:p%40ss@10.1.2.3:8000/v1',
        'http://10.1.2.3:8000',
        '10.1.2.3:8000',
        'p@ss',
        'swallow',
      ]),
    );
    expect(secrets.map((s) => s.length)).toEqual([...secrets.map((s) => s.length)].sort((a, b) => b - a));
  });
});

describe('redactSecrets', () => {
  const secrets = endpointSecrets({ kind: 'custom', baseURL: 'http://10.1.2.3:8000/v1', apiKey: KEY });

  it('hides a key an upstream echoes in its error message', () => {
    const text = `Incorrect API key provided: ${KEY}. You can find your API key in your account.`;
    expect(redactSecrets(text, secrets)).toBe(
      'Incorrect API key provided: [redacted]. You can find your API key in your account.',
    );
  });

  it('hides where the upstream is, in a URL or a refused connection', () => {
    expect(redactSecrets('connect ECONNREFUSED 10.1.2.3:8000', secrets)).toBe('connect ECONNREFUSED [redacted]');
    expect(redactSecrets('POST http://10.1.2.3:8000/v1/chat/completions failed', secrets)).toBe(
      'POST [redacted]/chat/completions failed',
    );
  });

  it('hides the start of a key where the detail was cut off', () => {
    const cut = `Incorrect API key provided: ${KEY.slice(0, 12)}…`;
    expect(redactSecrets(cut, secrets)).toBe('Incorrect API key provided: [redacted]…');
  });

  it('leaves a detail without secrets as it is', () => {
    expect(redactSecrets('max_tokens: Input should be less than or equal to 4096', secrets)).toBe(
      'max_tokens: Input should be less than or equal to 4096',
    );
  });

  it('applies to a chat error only where it has a detail', () => {
    expect(redactChatError({ code: 'bad_key', status: 401, detail: `bad key ${KEY}` }, secrets)).toEqual({
      code: 'bad_key',
      status: 401,
      detail: 'bad key [redacted]',
    });
    expect(redactChatError({ code: 'bad_key' }, secrets)).toEqual({ code: 'bad_key' });
  });
});

describe('withoutAddresses', () => {
  it('takes out URLs and IP addresses of any server, with their ports', () => {
    expect(withoutAddresses('connect ECONNREFUSED 192.168.5.20:8000')).toBe('connect ECONNREFUSED [host]');
    expect(withoutAddresses('connect ECONNREFUSED ::1:8000')).toBe('connect ECONNREFUSED [host]');
    expect(withoutAddresses('connect ECONNREFUSED [fd00::5]:8000')).toBe('connect ECONNREFUSED [host]');
    expect(withoutAddresses('redirected to https://internal.example/v1/x?y=1, gave up')).toBe(
      'redirected to [url], gave up',
    );
  });

  it('leaves ordinary details alone', () => {
    for (const text of ['max_tokens: must be ≤ 4096 (got 5000)', 'Error: code: 400', 'at 12:30:45 the model was busy'])
      expect(withoutAddresses(text)).toBe(text);
  });
});
