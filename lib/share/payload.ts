import { z } from 'zod';
import { MAX_MESSAGE_CHARS, MAX_SYSTEM_CHARS } from '@/lib/ai/schema';
import { MAX_PRESET_NAME, presetParamsSchema } from '@/lib/presets/schema';

export const SHARE_VERSION = 1;
/** A shared conversation is for "try this prompt", not an archive: a few short turns. */
export const MAX_SHARED_MESSAGES = 20;

/**
 * What a share link carries. Strict: a link can set nothing outside this, never a key,
 * a base URL or any other server setting.
 */
export const sharePayloadSchema = z.strictObject({
  v: z.literal(SHARE_VERSION),
  name: z.string().trim().max(MAX_PRESET_NAME).optional(),
  systemPrompt: z.string().max(MAX_SYSTEM_CHARS),
  params: presetParamsSchema,
  model: z.string().max(200).optional(),
  draft: z.string().max(MAX_MESSAGE_CHARS).optional(),
  messages: z
    .array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string().max(MAX_MESSAGE_CHARS) }))
    .max(MAX_SHARED_MESSAGES)
    .optional(),
});

export type SharePayload = z.infer<typeof sharePayloadSchema>;
