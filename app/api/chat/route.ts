import { fitToContext } from '@/lib/ai/context-budget';
import { getServerConfig } from '@/lib/ai/endpoint';
import { validateChatRequest } from '@/lib/ai/schema';
import { streamChat } from '@/lib/ai/stream-chat';
import { jsonError } from '@/lib/http/json-error';

export const runtime = 'nodejs';
export const maxDuration = 60;

export async function POST(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return jsonError(400, 'invalid_request', 'The request body is not valid JSON', { field: 'body' });
  }

  const config = getServerConfig();
  const validation = validateChatRequest(body, config.models);
  if (!validation.ok) {
    return jsonError(400, 'invalid_request', validation.message, { field: validation.field });
  }
  if (!config.endpoint) {
    return jsonError(503, 'not_configured', 'No model endpoint is configured: set NVIDIA_API_KEY or SWALLOW_BASE_URL');
  }

  const { request } = validation;
  const budget = fitToContext({
    system: request.system,
    messages: request.messages,
    maxTokens: request.max_tokens,
    contextTokens: config.contextTokens,
  });
  if (!budget.ok) {
    return jsonError(400, 'context_too_long', 'The newest message and max_tokens do not fit the context window', {
      field: 'messages',
      promptTokens: budget.promptTokens,
      availableTokens: budget.available,
      contextTokens: config.contextTokens,
    });
  }

  return streamChat({
    endpoint: config.endpoint,
    request,
    messages: budget.messages,
    droppedTurns: budget.droppedTurns,
    signal: req.signal,
  });
}
