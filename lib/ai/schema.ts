import { z } from 'zod';
import { PARAM_LIMITS } from './defaults';
import { MAX_MESSAGE_CHARS, MAX_MESSAGES, MAX_SYSTEM_CHARS } from './limits';

export { MAX_MESSAGE_CHARS, MAX_MESSAGES, MAX_SYSTEM_CHARS };

const userMessage = z.strictObject({
  role: z.literal('user'),
  content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
// An assistant reply may be empty when the user stopped it before the first token.
const assistantMessage = z.strictObject({
  role: z.literal('assistant'),
  content: z.string().max(MAX_MESSAGE_CHARS),
});

/** The body of POST /api/chat: OpenAI-style names so the wire reads like the upstream's. */
export const chatRequestSchema = z
  .strictObject({
    messages: z
      .array(z.discriminatedUnion('role', [userMessage, assistantMessage]))
      .min(1)
      .max(MAX_MESSAGES),
    model: z.string().min(1).max(200),
    system: z.string().max(MAX_SYSTEM_CHARS).default(''),
    temperature: z.number().min(PARAM_LIMITS.temperature.min).max(PARAM_LIMITS.temperature.max),
    top_p: z.number().min(PARAM_LIMITS.topP.min).max(PARAM_LIMITS.topP.max),
    max_tokens: z.number().int().min(PARAM_LIMITS.maxTokens.min).max(PARAM_LIMITS.maxTokens.max),
  })
  .refine((body) => body.messages.at(-1)?.role === 'user', {
    path: ['messages'],
    message: 'The last message must be from the user',
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatTurnMessage = ChatRequest['messages'][number];

export type ValidationResult = { ok: true; request: ChatRequest } | { ok: false; field: string; message: string };

/** Validates a parsed JSON body and the model against the deployment's allow-list. */
export function validateChatRequest(body: unknown, allowedModels: readonly string[]): ValidationResult {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body';
    return { ok: false, field, message: issue.message };
  }
  if (!allowedModels.includes(parsed.data.model)) {
    return { ok: false, field: 'model', message: `Unknown model; allowed: ${allowedModels.join(', ')}` };
  }
  return { ok: true, request: parsed.data };
}
