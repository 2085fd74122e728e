import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '@/e2e/fake-upstream.mjs';
import { runSnippet } from '@/e2e/snippet-runner';
import { buildSnippets, SNIPPET_LANGS, type SnippetLang } from './snippets';
import type { CodeTarget } from '@/lib/shared/model/profile';
import type { UpstreamChatRequest } from './upstream-request';

const NVIDIA: CodeTarget = {
  baseURL: 'https://integrate.api.nvidia.com/v1',
  baseURLEnv: 'SWALLOW_BASE_URL',
  apiKeyEnv: 'NVIDIA_API_KEY',
  keyOptional: false,
};
const CUSTOM: CodeTarget = {
  baseURL: null,
  baseURLEnv: 'SWALLOW_BASE_URL',
  apiKeyEnv: 'SWALLOW_API_KEY',
  keyOptional: true,
};

/** Text that breaks naive quoting in every language: quotes, `$`, backticks, backslashes, newlines, emoji. */
const NASTY = `He said "it's $HOME" \`uname\` \\n C:\\temp\nJSON\n'''"""\${x} 🍣 ｶﾀｶﾅ\u2028end`;

function request(tag: string): UpstreamChatRequest {
  return {
    model: 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
    messages: [
      { role: 'system', content: `あなたは誠実で優秀な日本人のアシスタントです。 ${tag}` },
      { role: 'user', content: NASTY },
      { role: 'assistant', content: 'はい。\n\n- 一つ目\n- 二つ目' },
      { role: 'user', content: `続けて ${tag}` },
    ],
    temperature: 0.35,
    top_p: 0.9,
    max_tokens: 700,
    stop: ['<|eot_id|>'],
    stream: true,
    stream_options: { include_usage: true },
  };
}

const snippet = (lang: SnippetLang, req: UpstreamChatRequest, target: CodeTarget) =>
  buildSnippets(req, target).find((s) => s.lang === lang)!.code;

describe('buildSnippets', () => {
  it('offers curl, Python, JavaScript/TypeScript and the AI SDK, in that order', () => {
    expect(buildSnippets(request('t'), NVIDIA).map((s) => s.lang)).toEqual([...SNIPPET_LANGS]);
  });

  it('prints NVIDIA’s URL and reads the key from the environment', () => {
    const [curl, python, js, aiSdk] = buildSnippets(request('t'), NVIDIA).map((s) => s.code);
    expect(curl).toContain(`curl -sS -N 'https://integrate.api.nvidia.com/v1/chat/completions'`);
    expect(curl).toContain('Authorization: Bearer ${NVIDIA_API_KEY:?set NVIDIA_API_KEY}');
    expect(python).toContain('base_url="https://integrate.api.nvidia.com/v1"');
    expect(python).toContain('api_key=os.environ["NVIDIA_API_KEY"]');
    for (const code of [js, aiSdk]) {
      expect(code).toContain('baseURL: "https://integrate.api.nvidia.com/v1"');
      expect(code).toContain('apiKey: process.env.NVIDIA_API_KEY,');
    }
  });

  it('reads a private base URL from $SWALLOW_BASE_URL and makes the key optional', () => {
    const [curl, python, js, aiSdk] = buildSnippets(request('t'), CUSTOM).map((s) => s.code);
    expect(curl).toContain('"${SWALLOW_BASE_URL:?set SWALLOW_BASE_URL}/chat/completions"');
    expect(curl).toContain('Bearer ${SWALLOW_API_KEY:-none}');
    expect(python).toContain('base_url=os.environ["SWALLOW_BASE_URL"]');
    expect(python).toContain('api_key=os.environ.get("SWALLOW_API_KEY") or "none"');
    for (const code of [js, aiSdk]) {
      expect(code).toContain('const baseURL = process.env.SWALLOW_BASE_URL;');
      expect(code).toContain('apiKey: process.env.SWALLOW_API_KEY ?? "none",');
    }
  });

  it('passes the system prompt to the AI SDK 7 as `instructions`, not as a message', () => {
    const code = snippet('ai-sdk', request('t'), NVIDIA);
    expect(code).toContain('instructions: "あなたは誠実で優秀な日本人のアシスタントです。 t",');
    expect(code).not.toContain('role: "system"');
    expect(code).not.toContain('system:');
    const withoutSystem = { ...request('t'), messages: request('t').messages.slice(1) };
    expect(snippet('ai-sdk', withoutSystem, NVIDIA)).not.toContain('instructions:');
  });
});

describe('the snippets, run for real against the fake upstream', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 0 });
  });
  afterAll(() => upstream.close());

  async function logged(tag: string): Promise<{ body: unknown; authorization: string | null }[]> {
    const response = await fetch(`${upstream.url}/__requests?contains=${encodeURIComponent(tag)}`);
    return response.json();
  }

  const env = () => ({ SWALLOW_BASE_URL: `${upstream.url}/v1`, SWALLOW_API_KEY: 'test-key' });

  it.each(['curl', 'javascript', 'ai-sdk'] as const)(
    '%s sends exactly the request, with the key from the environment',
    async (lang) => {
      const tag = `tag-${lang}-${Math.random().toString(36).slice(2, 8)}`;
      const req = request(tag);
      const run = await runSnippet(lang, snippet(lang, req, CUSTOM), env());
      // The streamed reply reached stdout: raw SSE from curl, the assembled text from the SDKs.
      expect(run.stdout).toContain(lang === 'curl' ? 'data: [DONE]' : `了解しました。「続けて ${tag}」`);
      const [sent, ...more] = await logged(tag);
      expect(more).toHaveLength(0);
      expect(sent.body).toEqual(req);
      expect(sent.authorization).toBe('Bearer test-key');
    },
    30_000,
  );

  it.each([
    ['curl', { reasoning_effort: 'high' }],
    ['javascript', { reasoning_effort: 'low' }],
    ['ai-sdk', { reasoning_effort: 'medium' }],
    ['curl', { chat_template_kwargs: { enable_thinking: false } }],
    ['javascript', { chat_template_kwargs: { enable_thinking: false } }],
    ['ai-sdk', { chat_template_kwargs: { enable_thinking: true } }],
  ] as const)(
    "%s sends a reasoning model's control as the app does (%j)",
    async (lang, control) => {
      const tag = `tag-${lang}-reasoning-${Math.random().toString(36).slice(2, 8)}`;
      const req = { ...request(tag), ...control };
      await runSnippet(lang, snippet(lang, req, CUSTOM), env());
      const [sent] = await logged(tag);
      expect(sent.body).toEqual(req);
    },
    30_000,
  );

  it('the Python one carries the control: reasoning_effort as an argument, chat_template_kwargs in extra_body', async () => {
    const effort = snippet('python', { ...request('t'), reasoning_effort: 'high' }, CUSTOM);
    expect(effort).toContain('reasoning_effort="high",');
    const think = snippet('python', { ...request('t'), chat_template_kwargs: { enable_thinking: false } }, CUSTOM);
    expect(think).toContain('extra_body={"chat_template_kwargs": {"enable_thinking": False}},');
    for (const code of [effort, think]) await expect(runSnippet('python', code, {})).resolves.toBeDefined();
  });

  it('curl stops with a clear message when SWALLOW_BASE_URL is not set', async () => {
    await expect(runSnippet('curl', snippet('curl', request('x'), CUSTOM), {})).rejects.toThrow(/set SWALLOW_BASE_URL/);
  });

  it.each([NVIDIA, CUSTOM])('the Python one compiles (%#)', async (target) => {
    await expect(runSnippet('python', snippet('python', request('t'), target), {})).resolves.toBeDefined();
  });
});
