import 'server-only';
import { z } from 'zod';
import { DEFAULT_MODELS, PARAM_LIMITS } from '@/lib/shared/ai/defaults';
import { MAX_SYSTEM_CHARS } from '@/lib/shared/ai/limits';
import type { ModelProfile } from '../../shared/model/profile';
import { modelProfile, type ProfileOverrides } from './registry';

type Env = Record<string, string | undefined>;

export interface DeploymentModels {
  /** The offered ids, in order; the first is the default. */
  models: string[];
  /** One per offered id, same order. */
  profiles: ModelProfile[];
  /** What is wrong with SWALLOW_MODELS / SWALLOW_MODEL_OPTIONS; then the chat refuses requests (503). */
  error?: string;
}

const MIN_CONTEXT_TOKENS = 256;

const optionsSchema = z.record(
  z.string(),
  z.strictObject({
    label: z.string().trim().min(1).max(100).optional(),
    contextTokens: z.number().int().min(MIN_CONTEXT_TOKENS).optional(),
    temperature: z.number().min(PARAM_LIMITS.temperature.min).max(PARAM_LIMITS.temperature.max).optional(),
    topP: z.number().min(PARAM_LIMITS.topP.min).max(PARAM_LIMITS.topP.max).optional(),
    maxTokens: z.number().int().min(1).optional(),
    systemPrompt: z
      .union([
        z.string().max(MAX_SYSTEM_CHARS),
        z.strictObject({ ja: z.string().max(MAX_SYSTEM_CHARS), en: z.string().max(MAX_SYSTEM_CHARS) }).partial(),
      ])
      .optional(),
    reasoning: z.boolean().optional(),
  }),
);

interface ListedModel {
  id: string;
  contextTokens?: number;
}

/**
 * SWALLOW_MODELS: a comma list of ids, each optionally `id@tokens` to give its context window
 * (`tokyotech-llm/Llama-3.3-Swallow-70B-Instruct-v0.4@131072`). A repeated id counts once.
 */
export function parseModelList(value: string | undefined): { models: ListedModel[]; error?: string } {
  const models: ListedModel[] = [];
  for (const raw of (value ?? '').split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const at = item.lastIndexOf('@');
    const id = (at === -1 ? item : item.slice(0, at)).trim();
    if (!id) return { models, error: `SWALLOW_MODELS: "${item}" has no model id before "@"` };
    let contextTokens: number | undefined;
    if (at !== -1) {
      const tokens = item.slice(at + 1).trim();
      contextTokens = /^\d+$/.test(tokens) ? Number(tokens) : NaN;
      if (!(contextTokens >= MIN_CONTEXT_TOKENS))
        return {
          models,
          error: `SWALLOW_MODELS: "${item}": the context window after "@" must be a whole number of tokens, at least ${MIN_CONTEXT_TOKENS}`,
        };
    }
    if (!models.some((m) => m.id === id)) models.push({ id, ...(contextTokens ? { contextTokens } : {}) });
  }
  return { models };
}

/**
 * SWALLOW_MODEL_OPTIONS: JSON `{ "<id in SWALLOW_MODELS>": { label, contextTokens, temperature, topP,
 * maxTokens, systemPrompt, reasoning } }`, every field optional.
 */
export function parseModelOptions(
  value: string | undefined,
  listed: readonly ListedModel[],
): { options: Record<string, ProfileOverrides>; error?: string } {
  if (!value?.trim()) return { options: {} };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { options: {}, error: `SWALLOW_MODEL_OPTIONS is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = optionsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p) => (typeof p === 'string' ? `["${p}"]` : `[${String(p)}]`)).join('');
    return { options: {}, error: `SWALLOW_MODEL_OPTIONS${where}: ${issue.message}` };
  }
  for (const [id, options] of Object.entries(parsed.data)) {
    const model = listed.find((m) => m.id === id);
    if (!model) return { options: {}, error: `SWALLOW_MODEL_OPTIONS: "${id}" is not in SWALLOW_MODELS` };
    if (model.contextTokens !== undefined && options.contextTokens !== undefined)
      return {
        options: {},
        error: `SWALLOW_MODEL_OPTIONS: "${id}" gets its context window both from SWALLOW_MODELS (@) and contextTokens`,
      };
  }
  return { options: parsed.data };
}

/**
 * The deployment's models and the profile each is served with (lib/server/model/registry.ts): the
 * registry's figures, SWALLOW_CONTEXT_TOKENS for a window the registry does not know, and the
 * overrides above. A mistake in either variable is reported whole (startup log, 503 on chat)
 * rather than half applied.
 */
export function resolveDeploymentModels(env: Env, fallbackContextTokens: number): DeploymentModels {
  const list = parseModelList(env.SWALLOW_MODELS);
  const listed: ListedModel[] = list.models.length > 0 ? list.models : DEFAULT_MODELS.map((id) => ({ id }));
  const { options, error } = list.error
    ? { options: {}, error: list.error }
    : parseModelOptions(env.SWALLOW_MODEL_OPTIONS, listed);
  const profiles = listed.map(({ id, contextTokens }) =>
    modelProfile(id, fallbackContextTokens, {
      ...(error ? {} : options[id]),
      ...(contextTokens ? { contextTokens } : {}),
    }),
  );
  return { models: listed.map((m) => m.id), profiles, ...(error ? { error } : {}) };
}
