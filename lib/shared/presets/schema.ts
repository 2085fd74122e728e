import {
  PARAM_LIMITS,
  MAX_PRESET_DESCRIPTION,
  MAX_PRESET_NAME,
  MAX_STARTER_CHARS,
  MAX_STARTERS,
  MAX_SYSTEM_CHARS,
  PRESET_ID,
} from '@/lib/shared/model/profile';
import * as z from '@/lib/shared/validation/zod-mini';

/** Text written in both languages (built-ins), or one text shown in both (user presets). */
const trimmed = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const text = (max: number) => z.union([trimmed(max), z.strictObject({ ja: trimmed(max), en: trimmed(max) })]);
export type PresetText = z.infer<ReturnType<typeof text>>;

export const presetParamsSchema = z.strictObject({
  temperature: z.number().check(z.gte(PARAM_LIMITS.temperature.min), z.lte(PARAM_LIMITS.temperature.max)),
  topP: z.number().check(z.gte(PARAM_LIMITS.topP.min), z.lte(PARAM_LIMITS.topP.max)),
  maxTokens: z.number().check(z.int(), z.gte(PARAM_LIMITS.maxTokens.min), z.lte(PARAM_LIMITS.maxTokens.max)),
});

/** One preset: the shape of built-ins, saved presets, export files and (later) share links. */
export const presetSchema = z.strictObject({
  id: z.string().check(z.regex(PRESET_ID, 'lowercase letters, digits and hyphens, up to 64')),
  name: text(MAX_PRESET_NAME).check(
    z.refine((value) => (typeof value === 'string' ? value : value.ja || value.en).length > 0, 'must not be empty'),
  ),
  description: z._default(text(MAX_PRESET_DESCRIPTION), ''),
  systemPrompt: text(MAX_SYSTEM_CHARS),
  params: presetParamsSchema,
  starters: z._default(z.array(text(MAX_STARTER_CHARS)).check(z.maxLength(MAX_STARTERS)), []),
});

export type Preset = z.infer<typeof presetSchema>;
export type PresetParams = z.infer<typeof presetParamsSchema>;
