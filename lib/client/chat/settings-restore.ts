import { PARAM_LIMITS, MAX_SYSTEM_CHARS, REASONING_EFFORTS } from '@/lib/shared/model/profile';
import { DEFAULT_PRESET_ID } from '@/lib/shared/presets/preset';
import * as z from '@/lib/shared/validation/zod-mini';
import type { ChatSettings } from './types';

const storedSettingsSchema = z.object({
  model: z.string().check(z.maxLength(200)),
  temperature: z.number().check(z.gte(PARAM_LIMITS.temperature.min), z.lte(PARAM_LIMITS.temperature.max)),
  topP: z.number().check(z.gte(PARAM_LIMITS.topP.min), z.lte(PARAM_LIMITS.topP.max)),
  maxTokens: z.number().check(z.int(), z.gte(PARAM_LIMITS.maxTokens.min), z.lte(PARAM_LIMITS.maxTokens.max)),
  systemPrompt: z.nullable(z.string().check(z.maxLength(MAX_SYSTEM_CHARS))),
  presetId: z._default(z.nullable(z.string().check(z.maxLength(64))), DEFAULT_PRESET_ID),
  reasoningEffort: z.optional(z.enum(REASONING_EFFORTS)),
  thinking: z.optional(z.boolean()),
});

/**
 * Settings saved earlier, or `defaults` (chat-session.ts defaultSettings); a model the server no
 * longer offers falls back to the default one.
 */
export function restoreSettings(raw: string | null, models: readonly string[], defaults: ChatSettings): ChatSettings {
  if (!raw) return defaults;
  try {
    const parsed = storedSettingsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return defaults;
    return { ...parsed.data, model: models.includes(parsed.data.model) ? parsed.data.model : defaults.model };
  } catch {
    return defaults;
  }
}
