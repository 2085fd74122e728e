import { fitRequestToContext } from '@/lib/shared/ai/context-budget';
import { getServerConfig, profileOf } from '@/lib/server/ai/endpoint';
import { validateChatRequest } from '@/lib/shared/schemas/chat-request';
import { codeTarget } from '@/lib/server/code/target';
import { jsonError } from '@/lib/server/http/json-error';
import { methodNotAllowed, readJsonBody } from '@/lib/server/http/read-json';
import { admitCodeTargetRequest } from '@/lib/server/security/admission';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

/** Where "view code" snippets point: NVIDIA's public URL, or a placeholder for a private server. Never a key. */
export function GET(): Response {
  return Response.json(codeTarget(process.env), { headers: NO_STORE });
}

/**
 * The same, for one /api/chat body: also how many of its oldest turns the chat route's context
 * budget would leave out, so the snippet sends what our server sends upstream. Nothing is
 * sent upstream here.
 */
export async function POST(req: Request): Promise<Response> {
  // Before the body is read: a refusal costs no parsing or counting.
  const refused = await admitCodeTargetRequest(req);
  if (refused) return refused;
  const parsed = await readJsonBody(req);
  if (!parsed.ok) return parsed.response;
  const config = getServerConfig();
  const validation = validateChatRequest(parsed.body, config.profiles);
  if (!validation.ok) return jsonError('invalid_request', validation.message, { field: validation.field });
  const { request } = validation;
  const budget = await fitRequestToContext(request, profileOf(config, request.model).contextTokens);
  return Response.json(
    { ...codeTarget(process.env), droppedTurns: budget.ok ? budget.droppedTurns : 0, fits: budget.ok },
    { headers: NO_STORE },
  );
}

const notAllowed = () => methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
