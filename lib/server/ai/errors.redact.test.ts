import { describe, expect, it } from 'vitest';
import { endpointSecrets, redactChatError, redactSecrets, withoutAddresses } from './errors';

const KEY = 'TEST-ONLY-upstream-credential-0123456789';
const key = Buffer.from(KEY);

describe('endpointSecrets', () => {
  it('names the key and URL credentials as credentials, the base URL, origin and host as locations, longest first', () => {
    const secrets = endpointSecrets({ kind: 'custom', baseURL: 'http://swallow:p%40ss@10.1.2.3:8000/v1', apiKey: KEY });
    expect(secrets.credentials).toEqual(expect.arrayContaining([KEY, 'p@ss', 'swallow']));
    expect(secrets.locations).toEqual(
      expect.arrayContaining(['http://swallow:p%40ss@10.1.2.3:8000/v1', 'http://10.1.2.3:8000', '10.1.2.3:8000']),
    );
    for (const list of [secrets.credentials, secrets.locations])
      expect(list.map((s) => s.length)).toEqual([...list.map((s) => s.length)].sort((a, b) => b - a));
  });

  it("adds the server's other configured secrets: both key variables, the cookie secret, Redis's password", () => {
    const secrets = endpointSecrets(
      { kind: 'nvidia', baseURL: 'https://integrate.api.nvidia.com/v1', apiKey: KEY },
      {
        SWALLOW_API_KEY: 'TEST-ONLY-other-credential-abcdef',
        ACCESS_COOKIE_SECRET: 'cookie-secret-FAKE-0123456789abcdef',
        REDIS_URL: 'redis://:r3dis-FAKE-pass@redis.internal:6379',
      },
    );
    expect(secrets.credentials).toEqual(
      expect.arrayContaining([
        KEY,
        'TEST-ONLY-other-credential-abcdef',
        'cookie-secret-FAKE-0123456789abcdef',
        'r3dis-FAKE-pass',
      ]),
    );
  });
});

describe('redactSecrets: every form of a configured secret', () => {
  const secrets = endpointSecrets({ kind: 'custom', baseURL: 'http://10.1.2.3:8000/v1', apiKey: KEY });
  const half = KEY.length / 2;
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  // [form, text carrying it, what of the key must not remain]
  const cases: [string, string, string[]][] = [
    ['as written', `Incorrect API key provided: ${KEY}.`, [KEY]],
    ['upper case', `invalid key ${KEY.toUpperCase()}`, [KEY.toUpperCase()]],
    ['lower case', `invalid key ${KEY.toLowerCase()}`, [KEY.toLowerCase()]],
    ['base64', `token ${key.toString('base64')} rejected`, [key.toString('base64').replace(/=+$/, '')]],
    ['base64url', `token ${key.toString('base64url')} rejected`, [key.toString('base64url')]],
    ['base64 inside a Basic header', `Authorization: Basic ${b64(`user:${KEY}`)}`, [b64(`user:${KEY}`).slice(8, 40)]],
    ['base64 at offset 1', `credentials ${b64(`x${KEY}`)}`, [b64(`x${KEY}`).slice(4, 40)]],
    ['base64 at offset 2', `credentials ${b64(`xy${KEY}`)}`, [b64(`xy${KEY}`).slice(4, 40)]],
    ['percent-encoded', `GET /v1/models?key=${encodeURIComponent(KEY)}`, [encodeURIComponent(KEY)]],
    [
      'percent-encoded, every byte',
      `key=${[...key].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}`,
      ['%6E%76%61%70%69'],
    ],
    ['hex', `key bytes ${key.toString('hex')}`, [key.toString('hex').slice(0, 16)]],
    [
      'hex, upper case',
      `key bytes ${key.toString('hex').toUpperCase()}`,
      [key.toString('hex').toUpperCase().slice(0, 16)],
    ],
    [
      'split in halves',
      `first part ${KEY.slice(0, half)} and second part ${KEY.slice(half)}`,
      [KEY.slice(0, half), KEY.slice(half)],
    ],
    ['a piece', `key ending ${KEY.slice(-12)} is revoked`, [KEY.slice(-12)]],
    ['cut off at the end', `Incorrect API key provided: ${KEY.slice(0, 6)}…`, [KEY.slice(0, 6)]],
  ];

  it.each(cases)('%s', (_form, text, leaked) => {
    const out = redactSecrets(text, secrets);
    expect(out).toContain('[redacted]');
    for (const piece of leaked) expect(out.toLowerCase()).not.toContain(piece.toLowerCase());
  });

  it('hides where the upstream is, in a URL, a refused connection or percent-encoded', () => {
    expect(redactSecrets('connect ECONNREFUSED 10.1.2.3:8000', secrets)).toBe('connect ECONNREFUSED [redacted]');
    expect(redactSecrets('POST http://10.1.2.3:8000/v1/chat/completions failed', secrets)).toBe(
      'POST [redacted]/chat/completions failed',
    );
    expect(redactSecrets('next=http%3A%2F%2F10.1.2.3%3A8000%2Fv1', secrets)).toBe('next=[redacted]');
  });

  it('keeps the exact replacement for a key an upstream echoes', () => {
    expect(
      redactSecrets(`Incorrect API key provided: ${KEY}. You can find your API key in your account.`, secrets),
    ).toBe('Incorrect API key provided: [redacted]. You can find your API key in your account.');
  });

  it('leaves a detail without secrets as it is', () => {
    for (const text of [
      'max_tokens: Input should be less than or equal to 4096',
      'The API key is missing: send it as a Bearer token',
      'keys start with nvapi- and are 70 characters long',
    ])
      expect(redactSecrets(text, secrets)).toBe(text);
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
  // [what, text, expected]
  const cases: [string, string, string][] = [
    ['a private IPv4 with its port', 'connect ECONNREFUSED 192.168.5.20:8000', 'connect ECONNREFUSED [host]'],
    ['IPv6 loopback with a port', 'connect ECONNREFUSED ::1:8000', 'connect ECONNREFUSED [host]'],
    ['bracketed IPv6 with a port', 'connect ECONNREFUSED [fd00::5]:8000', 'connect ECONNREFUSED [host]'],
    ['a URL', 'redirected to https://internal.example/v1/x?y=1, gave up', 'redirected to [url], gave up'],
    ['*.internal', 'upstream vllm-prod-2.internal did not answer', 'upstream [host] did not answer'],
    [
      '*.svc.cluster.local with a port',
      'proxy error: backend-7.llm.svc.cluster.local:8000 timed out',
      'proxy error: [host] timed out',
    ],
    ['*.local', 'model served by gpu-box.local', 'model served by [host]'],
    ['*.lan with a port', 'cannot reach nas.lan:8080 now', 'cannot reach [host] now'],
    ['localhost with a port', 'connect to localhost:11434 refused', 'connect to [host] refused'],
    ['a dotted name with a port', 'peer llm.example.com:8443 reset the stream', 'peer [host] reset the stream'],
    ['a name a network error gives', 'getaddrinfo ENOTFOUND vllm-gpu-3', 'getaddrinfo ENOTFOUND [host]'],
    ['a service name and port', 'connect ECONNREFUSED vllm:8000', 'connect ECONNREFUSED [host]'],
    [
      'a path under /home',
      "can't open /home/alice/models/swallow-8b.gguf: no such file",
      "can't open [path]: no such file",
    ],
    ['a path under /var', 'permission denied: /var/lib/vllm/cache/x.bin', 'permission denied: [path]'],
    ['a path under /opt', 'loading weights from /opt/models/llama (3 of 4)', 'loading weights from [path] (3 of 4)'],
    ['a model path', "The model '/models/Llama-3.1-Swallow-8B' does not exist", "The model '[path]' does not exist"],
    ['a home folder', 'see ~/.cache/huggingface/hub for details', 'see [path] for details'],
    ['a Windows path', 'File "C:\\Users\\bob\\llama\\server.py", line 3', 'File "[path]", line 3'],
    ['a UNC path', 'reading \\\\fileserver\\models\\x.gguf failed', 'reading [path] failed'],
  ];

  it.each(cases)('takes out %s', (_what, text, expected) => {
    expect(withoutAddresses(text)).toBe(expected);
  });

  it('leaves ordinary details alone', () => {
    for (const text of [
      'max_tokens: must be ≤ 4096 (got 5000)',
      'Error: code: 400',
      'at 12:30:45 the model was busy',
      'POST /v1/chat/completions returned 404',
      'Input should be a valid string: messages.0.content',
      'temperature must be 0.0-2.0; top_p 0.9 is fine',
      'the local model is loading',
      'max_tokens:4096 exceeds the limit',
      'Llama-3.1-Swallow-8B-Instruct-v0.3 is loading',
      'about ~5 s to go',
    ])
      expect(withoutAddresses(text)).toBe(text);
  });
});
