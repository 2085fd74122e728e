import 'server-only';
import { jsonError } from '@/lib/server/http/read-json';
import { readJsonBody } from '@/lib/server/http/read-json';
import { fitRequestToContext } from '../../shared/ai/context-budget';
import { getServerConfig, profileOf } from './endpoint';
import { validateChatRequest } from '../../shared/schemas/chat-request';

/** The reply's inputs from the request body, or the 4xx/503 that refuses it. */
export async function prepareReply(req: Request) {
  const parsed = await readJsonBody(req);
  if (!parsed.ok) return parsed.response;

  const config = getServerConfig();
  if (config.modelsError) return jsonError('not_configured', config.modelsError);
  const validation = validateChatRequest(parsed.body, config.profiles);
  if (!validation.ok) {
    return jsonError('invalid_request', validation.message, { field: validation.field });
  }
  if (!config.endpoint) {
    return jsonError('not_configured', 'No model endpoint is configured: set NVIDIA_API_KEY or SWALLOW_BASE_URL');
  }

  const { request } = validation;
  // Budgeted against the selected model's own window (its card, or SWALLOW_CONTEXT_TOKENS), counted
  // with its family's tokenizer and chat template (by bytes for a model the registry does not know).
  const profile = profileOf(config, request.model);
  const budget = await fitRequestToContext(request, profile.contextTokens, profile.tokenizer);
  if (!budget.ok) {
    return jsonError('context_too_long', 'The newest message and max_tokens do not fit the context window', {
      field: 'messages',
      promptTokens: budget.promptTokens,
      availableTokens: budget.available,
      contextTokens: profile.contextTokens,
    });
  }
  return {
    endpoint: config.endpoint,
    request,
    profile,
    messages: budget.messages,
    droppedTurns: budget.droppedTurns,
    timeouts: config.timeouts,
  };
}
