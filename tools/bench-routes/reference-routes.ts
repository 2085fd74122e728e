/**
 * The bench's reference routes (bench/token-cost.ts), next to /api/chat in the same server:
 * a route that only pipes the upstream's body, and a bare `streamText` route. They never ship:
 * their route files live in tools/bench-routes/app/, mounted into app/ for the bench's build
 * only (mount.ts); they are named `route.bench.ts`, which Next.js takes for a route only when the
 * build ran with SWALLOW_BENCH_ROUTES=1 (next.config.ts adds `bench.ts` to pageExtensions;
 * `npm run bench` builds into its own NEXT_DIST_DIR); and even in such a build they answer 404
 * unless the server also runs with SWALLOW_BENCH_ROUTES=1.
 */
import 'server-only';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import type { NextRequest } from 'next/server';
import { getServerConfig, type Endpoint } from '@/lib/server/ai/upstream';

export const benchRoutesEnabled = (env: Record<string, string | undefined> = process.env) =>
  env.SWALLOW_BENCH_ROUTES === '1';

interface BenchBody {
  model: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  system?: string;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

/** The switch and the endpoint (the route has checked the gate); the body unvalidated (bench input). */
async function open(req: NextRequest): Promise<Response | { endpoint: Endpoint; body: BenchBody }> {
  // What any path that is not a route answers.
  if (!benchRoutesEnabled())
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  const { endpoint } = getServerConfig();
  if (!endpoint) return Response.json({ error: { code: 'not_configured', message: 'No endpoint' } }, { status: 503 });
  return { endpoint, body: (await req.json()) as BenchBody };
}

const authorization = (endpoint: Endpoint): Record<string, string> =>
  endpoint.apiKey
    ? { authorization: `Bearer ${endpoint.apiKey}` }
    : endpoint.basicAuth
      ? { authorization: `Basic ${Buffer.from(endpoint.basicAuth).toString('base64')}` }
      : {};

/** The upstream's SSE body, byte for byte (OpenAI chunks, not UI message parts). */
export async function pipeRoute(req: NextRequest): Promise<Response> {
  const opened = await open(req);
  if (opened instanceof Response) return opened;
  const { endpoint, body } = opened;
  const upstream = await fetch(`${endpoint.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization(endpoint) },
    body: JSON.stringify({
      model: body.model,
      messages: body.system ? [{ role: 'system', content: body.system }, ...body.messages] : body.messages,
      temperature: body.temperature,
      top_p: body.top_p,
      max_tokens: body.max_tokens,
      stream: true,
      stream_options: { include_usage: true },
    }),
    signal: req.signal,
  });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform' },
  });
}

/** `streamText` → `toUIMessageStreamResponse()`, the AI SDK's documented chat route. */
export async function streamTextRoute(req: NextRequest): Promise<Response> {
  const opened = await open(req);
  if (opened instanceof Response) return opened;
  const { endpoint, body } = opened;
  const provider = createOpenAICompatible({
    name: 'swallow',
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey,
    ...(endpoint.basicAuth ? { headers: authorization(endpoint) } : {}),
    includeUsage: true,
  });
  const result = streamText({
    model: provider.chatModel(body.model),
    system: body.system || undefined,
    messages: body.messages,
    temperature: body.temperature,
    topP: body.top_p,
    maxOutputTokens: body.max_tokens,
    abortSignal: req.signal,
  });
  return result.toUIMessageStreamResponse({ headers: { 'cache-control': 'no-cache, no-transform' } });
}
