// Which models exist and which this deployment serves: the registry of the Swallow family
// (data/swallow-models.json, modelProfile) and the operator's SWALLOW_MODELS list
// (resolveDeploymentModels).
import 'server-only';
import { z } from 'zod';
import data from '@/data/swallow-models.json';
import {
  DEFAULT_CONTEXT_TOKENS,
  DEFAULT_PARAMS,
  DEFAULT_SYSTEM_PROMPTS,
  PARAM_LIMITS,
  DEFAULT_MODELS,
  modelLabel,
  maxTokensLimitFor,
  REASONING_CONTROLS,
  TOKENIZERS,
  type ModelProfile,
  MAX_SYSTEM_CHARS,
} from '@/lib/shared/model/profile';

/**
 * A figure from a model card: its value and where it was read, or null and why it is missing
 * (then the app's fallback applies). A value without a source, or a null without a note, is
 * refused: the data file says where every number comes from.
 */
const figure = <T extends z.ZodType>(value: T) =>
  z.union([
    z.strictObject({ value, source: z.string().min(1), note: z.string().min(1).optional() }),
    z.strictObject({ value: z.null(), note: z.string().min(1) }),
  ]);

const temperature = z.number().min(PARAM_LIMITS.temperature.min).max(PARAM_LIMITS.temperature.max);
const topP = z.number().min(PARAM_LIMITS.topP.min).max(PARAM_LIMITS.topP.max);
const maxTokens = z.number().int().min(1);

const entrySchema = z.strictObject({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  label: z.string().min(1),
  card: z.url(),
  /** The tokenizer and chat template it is counted with (lib/shared/ai/context-budget.ts). */
  tokenizer: figure(z.enum(TOKENIZERS)),
  contextTokens: figure(z.number().int().min(256)),
  sampling: figure(z.strictObject({ temperature, topP, maxTokens: maxTokens.nullable() })),
  /** The card gives no output length, or it is too short for a reasoning model: the app's own choice. */
  maxTokens: figure(maxTokens).optional(),
  systemPrompt: figure(z.string().min(1)),
  reasoning: figure(z.boolean()),
  /** The reasoning control the chat offers for it, when it has one. */
  reasoningControl: figure(z.enum(REASONING_CONTROLS)).optional(),
});

export type RegistryEntry = z.infer<typeof entrySchema>;

const registrySchema = z
  .strictObject({ about: z.string(), models: z.array(entrySchema).min(1) })
  .superRefine(({ models }, ctx) => {
    const seen = new Map<string, string>();
    for (const [index, entry] of models.entries()) {
      for (const name of [entry.id, ...entry.aliases]) {
        const key = modelKey(name);
        const other = seen.get(key);
        if (other !== undefined && other !== entry.id)
          ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `"${name}" also names ${other}` });
        seen.set(key, entry.id);
      }
    }
  });

/**
 * How an id is matched: case-insensitive, by its name after the last "/" — the same model is
 * `institute-of-science-tokyo/…` on NVIDIA, `tokyotech-llm/…` on Hugging Face and vLLM.
 */
export function modelKey(id: string): string {
  return (id.split('/').pop() ?? id).trim().toLowerCase();
}

/** Validates the data file's shape once, so a bad edit fails the build and the tests, not a visitor. */
export function parseRegistry(raw: unknown): RegistryEntry[] {
  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`data/swallow-models.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.models;
}

export const REGISTRY: readonly RegistryEntry[] = parseRegistry(data);

const byKey = new Map<string, RegistryEntry>();
for (const entry of REGISTRY) for (const name of [entry.id, ...entry.aliases]) byKey.set(modelKey(name), entry);

/** The registry's entry for an id (any of its names), if it has one. */
export function findEntry(id: string): RegistryEntry | undefined {
  return byKey.get(modelKey(id));
}

/** What a deployment may override per model (SWALLOW_MODELS `id@tokens`, SWALLOW_MODEL_OPTIONS). */
export interface ProfileOverrides {
  label?: string;
  contextTokens?: number;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt?: string | Partial<Record<keyof typeof DEFAULT_SYSTEM_PROMPTS, string>>;
  reasoning?: boolean;
}

/**
 * The profile a model is served with: the registry's figures, the fallback where a figure is
 * missing (or for an unknown id: `fallbackContextTokens` and the authors' Llama 3.1 Swallow
 * defaults), then the deployment's overrides. The card's Japanese system prompt comes with our
 * English equivalent (lib/shared/model/profile.ts) when it is the authors' prompt.
 */
export function modelProfile(
  id: string,
  fallbackContextTokens: number = DEFAULT_CONTEXT_TOKENS,
  overrides: ProfileOverrides = {},
): ModelProfile {
  const entry = findEntry(id);
  const sampling = entry?.sampling.value;
  const contextTokens = overrides.contextTokens ?? entry?.contextTokens.value ?? fallbackContextTokens;
  const maxTokensLimit = maxTokensLimitFor(contextTokens);
  const cardPrompt = entry?.systemPrompt.value;
  const basePrompt =
    cardPrompt === undefined || cardPrompt === null || cardPrompt === DEFAULT_SYSTEM_PROMPTS.ja
      ? DEFAULT_SYSTEM_PROMPTS
      : { ja: cardPrompt, en: cardPrompt };
  const promptOverride =
    typeof overrides.systemPrompt === 'string'
      ? { ja: overrides.systemPrompt, en: overrides.systemPrompt }
      : overrides.systemPrompt;
  const recommendedMax =
    overrides.maxTokens ?? entry?.maxTokens?.value ?? sampling?.maxTokens ?? DEFAULT_PARAMS.maxTokens;
  return {
    id,
    label: overrides.label ?? entry?.label ?? modelLabel(id),
    known: entry !== undefined,
    contextTokens,
    maxTokensLimit,
    recommended: {
      temperature: overrides.temperature ?? sampling?.temperature ?? DEFAULT_PARAMS.temperature,
      topP: overrides.topP ?? sampling?.topP ?? DEFAULT_PARAMS.topP,
      maxTokens: Math.min(recommendedMax, maxTokensLimit),
    },
    systemPrompt: { ...basePrompt, ...promptOverride },
    reasoning: overrides.reasoning ?? entry?.reasoning.value ?? false,
    // An id the registry does not know is counted by its bytes (an upper bound), shown as "about".
    tokenizer: entry?.tokenizer.value ?? null,
    reasoningControl: entry?.reasoningControl?.value ?? null,
  };
}

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
