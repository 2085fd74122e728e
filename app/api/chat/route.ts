import type { NextRequest } from 'next/server';
import { fitToContext } from '@/lib/ai/context-budget';
import { getServerConfig } from '@/lib/ai/endpoint';
import { validateChatRequest } from '@/lib/ai/schema';
import { streamChat } from '@/lib/ai/stream-chat';
import { jsonError } from '@/lib/http/json-error';
import { methodNotAllowed, readJsonBody } from '@/lib/http/read-json';
import { admitChatRequest } from '@/lib/security/admission';
import { gateRequest } from '@/lib/security/gate';

export const runtime = 'nodejs';
export const maxDuration = 60;

// Not behind proxy.ts (see its matcher): the access code, when set, is checked here.
export async function POST(req: NextRequest): Promise<Response> {
  const denied = gateRequest(req);
  if (denied) return denied;
  const parsed = await readJsonBody(req);
  if (!parsed.ok) return parsed.response;

  const config = getServerConfig();
  const validation = validateChatRequest(parsed.body, config.models);
  if (!validation.ok) {
    return jsonError('invalid_request', validation.message, { field: validation.field });
  }
  if (!config.endpoint) {
    return jsonError('not_configured', 'No model endpoint is configured: set NVIDIA_API_KEY or SWALLOW_BASE_URL');
  }

  const { request } = validation;
  const budget = await fitToContext({
    system: request.system,
    messages: request.messages,
    maxTokens: request.max_tokens,
    contextTokens: config.contextTokens,
  });
  if (!budget.ok) {
    return jsonError('context_too_long', 'The newest message and max_tokens do not fit the context window', {
      field: 'messages',
      promptTokens: budget.promptTokens,
      availableTokens: budget.available,
      contextTokens: config.contextTokens,
    });
  }

  const admission = await admitChatRequest(req);
  if (!admission.ok) return admission.response;

  // The client's stream slot is held until the reply is over (finished, failed or cancelled).
  return streamChat({
    endpoint: config.endpoint,
    request,
    messages: budget.messages,
    droppedTurns: budget.droppedTurns,
    signal: req.signal,
    timeouts: config.timeouts,
    onClose: admission.release,
  });
}

const notAllowed = (req: NextRequest) => gateRequest(req) ?? methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
