import { MAX_MESSAGE_CHARS, MAX_SYSTEM_CHARS } from '@/lib/shared/model/profile';
import { MAX_PRESET_NAME } from '@/lib/shared/presets/preset';
import { presetParamsSchema } from '@/lib/shared/presets/schema';
import * as z from '@/lib/shared/validation/zod-mini';

export const SHARE_VERSION = 1;
/** A shared conversation is for "try this prompt", not an archive: a few short turns. */
export const MAX_SHARED_MESSAGES = 20;

/**
 * What a share link carries. Strict: a link can set nothing outside this, never a key,
 * a base URL or any other server setting.
 */
export const sharePayloadSchema = z.strictObject({
  v: z.literal(SHARE_VERSION),
  name: z.optional(z.string().check(z.trim(), z.maxLength(MAX_PRESET_NAME))),
  systemPrompt: z.string().check(z.maxLength(MAX_SYSTEM_CHARS)),
  params: presetParamsSchema,
  model: z.optional(z.string().check(z.maxLength(200))),
  draft: z.optional(z.string().check(z.maxLength(MAX_MESSAGE_CHARS))),
  /** A comparison setup (compare mode): two targets; the prompt is `draft`. */
  compare: z.optional(
    z.strictObject({
      blind: z.boolean(),
      targets: z
        .array(
          z.strictObject({
            model: z.string().check(z.maxLength(200)),
            systemPrompt: z.string().check(z.maxLength(MAX_SYSTEM_CHARS)),
            params: presetParamsSchema,
          }),
        )
        .check(z.minLength(2), z.maxLength(2)),
    }),
  ),
  messages: z.optional(
    z
      .array(
        z.strictObject({
          role: z.enum(['user', 'assistant']),
          content: z.string().check(z.maxLength(MAX_MESSAGE_CHARS)),
        }),
      )
      .check(z.maxLength(MAX_SHARED_MESSAGES)),
  ),
});

export type SharePayload = z.infer<typeof sharePayloadSchema>;
