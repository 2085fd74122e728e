import { z } from 'zod';
import { REASONING_EFFORTS, type ModelProfile } from '@/lib/shared/model/profile';
import {
  PARAM_LIMITS,
  MAX_DOCUMENT_CHARS,
  MAX_DOCUMENT_NAME_CHARS,
  MAX_DOCUMENTS,
  MAX_MESSAGE_CHARS,
  MAX_MESSAGES,
  MAX_SYSTEM_CHARS,
} from '../model/profile';

export { MAX_DOCUMENT_CHARS, MAX_DOCUMENTS, MAX_MESSAGE_CHARS, MAX_MESSAGES, MAX_SYSTEM_CHARS };

/** A file's text, read in the browser; the model gets it in the user's turn (lib/shared/ai/turns.ts). */
const document = z.strictObject({
  name: z.string().trim().min(1).max(MAX_DOCUMENT_NAME_CHARS),
  text: z.string().max(MAX_DOCUMENT_CHARS),
});

// A message may be only documents ("summarise this"): then its text may be empty.
const userMessage = z
  .strictObject({
    role: z.literal('user'),
    content: z.string().trim().max(MAX_MESSAGE_CHARS),
    documents: z.array(document).max(MAX_DOCUMENTS).optional(),
  })
  .refine((m) => m.content.length > 0 || (m.documents?.length ?? 0) > 0, {
    path: ['content'],
    message: 'A user message needs text or at least one document',
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
    /** GPT-OSS: how long it reasons (vLLM and NIM take it as is). Only for a model with that control. */
    reasoning_effort: z.enum(REASONING_EFFORTS).optional(),
    /** Qwen3: its chat template's thinking switch (vLLM's chat_template_kwargs). Only for a model with it. */
    chat_template_kwargs: z.strictObject({ enable_thinking: z.boolean() }).optional(),
  })
  .refine((body) => body.messages.at(-1)?.role === 'user', {
    path: ['messages'],
    message: 'The last message must be from the user',
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatTurnMessage = ChatRequest['messages'][number];

export type ValidationResult = { ok: true; request: ChatRequest } | { ok: false; field: string; message: string };

/** What validation needs of each offered model (lib/shared/model/profile.ts). */
export type ModelLimits = Pick<ModelProfile, 'id' | 'maxTokensLimit'> & Partial<Pick<ModelProfile, 'reasoningControl'>>;

/** Validates a parsed JSON body, the model against the deployment's, and max_tokens against its window. */
export function validateChatRequest(body: unknown, models: readonly ModelLimits[]): ValidationResult {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body';
    return { ok: false, field, message: issue.message };
  }
  const model = models.find((m) => m.id === parsed.data.model);
  if (!model) {
    return { ok: false, field: 'model', message: `Unknown model; allowed: ${models.map((m) => m.id).join(', ')}` };
  }
  if (parsed.data.max_tokens > model.maxTokensLimit) {
    return {
      ok: false,
      field: 'max_tokens',
      message: `Too big: ${model.id} takes max_tokens up to ${model.maxTokensLimit} (its context window)`,
    };
  }
  const control = model.reasoningControl ?? null;
  if (parsed.data.reasoning_effort !== undefined && control !== 'effort')
    return { ok: false, field: 'reasoning_effort', message: `${model.id} takes no reasoning_effort` };
  if (parsed.data.chat_template_kwargs !== undefined && control !== 'think')
    return { ok: false, field: 'chat_template_kwargs', message: `${model.id} takes no chat_template_kwargs` };
  return { ok: true, request: parsed.data };
}
