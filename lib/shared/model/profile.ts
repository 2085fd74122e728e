// What the app knows of a model before asking the server: our defaults (sampling, system prompts,
// endpoint), the limits both sides check, a model's display label, and its profile (window,
// parameters, code target) as the browser and the server share it.
import type { Locale } from '@/lib/shared/i18n/routing';

/** The model authors' recommended sampling (model card / NVIDIA catalog). */
export const DEFAULT_PARAMS = { temperature: 0.6, topP: 0.9, maxTokens: 512 } as const;

/** Llama 3's end-of-turn token; always sent so servers without the chat template stop cleanly. */
export const STOP_SEQUENCES = ['<|eot_id|>'];

export const PARAM_LIMITS = {
  temperature: { min: 0, max: 2, step: 0.05 },
  topP: { min: 0.01, max: 1, step: 0.01 },
  /** The ceiling of any model; each model's own limit is its window (ModelProfile.maxTokensLimit). */
  maxTokens: { min: 1, max: 131_072, step: 1 },
} as const;

/** The authors' Japanese system prompt, and the same role said as an English speaker would (not word for word). */
export const DEFAULT_SYSTEM_PROMPTS: Record<Locale, string> = {
  ja: 'あなたは誠実で優秀な日本人のアシスタントです。',
  en: 'You are a helpful, honest assistant, fluent in both Japanese and English.',
};

export const NVIDIA_BASE_URL = 'https://integrate.api.nvidia.com/v1';
export const NVIDIA_KEY_URL = 'https://build.nvidia.com/institute-of-science-tokyo/llama-3_1-swallow-8b-instruct-v0_1';

export const DEFAULT_MODELS = [
  'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
  'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
];

/** SWALLOW_CONTEXT_TOKENS' default: the window of a model the registry (data/swallow-models.json) does not know. */
export const DEFAULT_CONTEXT_TOKENS = 8192;

/**
 * Size limits and formats both sides agree on, and the zod schemas check (no zod here, so the
 * page's first load can use them). A chat request's first.
 */
export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_CHARS = 32_000;
export const MAX_SYSTEM_CHARS = 8_000;
/** Attached documents (issue #19): per user message, and the text of each as sent. */
export const MAX_DOCUMENTS = 10;
export const MAX_DOCUMENT_NAME_CHARS = 255;
/**
 * ~300 K characters: far over any window we budget (8 K tokens is ~30 K characters of Japanese),
 * and under the 1 MiB body limit for one such document in Japanese (3 bytes a character).
 */
export const MAX_DOCUMENT_CHARS = 300_000;

/** Presets (lib/shared/presets): the name, description and starters a preset may have, and its id. */
export const MAX_PRESET_NAME = 80;
export const MAX_PRESET_DESCRIPTION = 300;
export const MAX_STARTERS = 4;
export const MAX_STARTER_CHARS = 500;
export const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Saved conversations (lib/client/storage): the format's version and what a saved one may hold. */
export const CONVERSATION_VERSION = 1;
export const MAX_TITLE_CHARS = 80;
/** A failed reply's error text is kept up to this length. */
export const MAX_ERROR_CHARS = 4000;
/** How a saved reply ended. "interrupted": the page closed or the network dropped mid-reply. */
export const replyStates = ['done', 'stopped', 'interrupted', 'error', 'streaming'] as const;
export type ReplyState = (typeof replyStates)[number];

/** "institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1" → "Llama 3.1 Swallow 70B Instruct v0.1" */
export function modelLabel(id: string): string {
  const name = id.split('/').pop() ?? id;
  const match = /^llama-(\d+(?:\.\d+)?)-swallow-(\d+)b-instruct-(v[\d.]+)$/i.exec(name);
  if (!match) return id;
  const [, llama, size, version] = match;
  return `Llama ${llama} Swallow ${size}B Instruct ${version}`;
}

/** The tokenizer families the app counts exactly (data/swallow-models.json `tokenizer`). */
export const TOKENIZERS = ['llama3', 'qwen3', 'o200k-harmony'] as const;
export type TokenizerName = (typeof TOKENIZERS)[number];

/**
 * A reasoning model's control: GPT-OSS's reasoning effort (`reasoning_effort`), Qwen3's thinking
 * switch (`chat_template_kwargs.enable_thinking`).
 */
export const REASONING_CONTROLS = ['effort', 'think'] as const;
export type ReasoningControl = (typeof REASONING_CONTROLS)[number];
export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];
/** The card's evaluations use medium (GPT-OSS-Swallow); Qwen3 thinks unless told not to. */
export const DEFAULT_REASONING_EFFORT: ReasoningEffort = 'medium';

/** The reasoning controls that change the prompt's frame (Qwen3 without thinking, harmony's effort). */
export interface ReasoningOptions {
  effort?: ReasoningEffort;
  thinking?: boolean;
}

/** The reasoning options a request body sets (lib/shared/schemas/chat-request.ts). */
export const requestReasoning = (request: {
  reasoning_effort?: ReasoningEffort;
  chat_template_kwargs?: { enable_thinking: boolean };
}): ReasoningOptions => ({
  effort: request.reasoning_effort,
  thinking: request.chat_template_kwargs?.enable_thinking,
});

/**
 * What the app needs to know about one model to talk to it by its own card: the window it is
 * budgeted against, the sampling "reset to recommended" restores, the default system prompt,
 * and whether it reasons before it answers. Built on the server (lib/server/model/registry.ts) and
 * passed to the browser in PublicConfig; no zod and no data file here, so the browser's bundle
 * carries only the profiles of the deployment's models.
 */
export interface ModelProfile {
  id: string;
  label: string;
  /** In the registry (data/swallow-models.json); false for an id the app knows nothing about. */
  known: boolean;
  /** Context window for budgeting, in tokens. */
  contextTokens: number;
  /** The largest max_tokens a request may ask of this model (bounded by its window). */
  maxTokensLimit: number;
  recommended: { temperature: number; topP: number; maxTokens: number };
  systemPrompt: Record<Locale, string>;
  /** Reasons before answering (reasoning deltas or <think>…</think>): shown apart, never sent back. */
  reasoning: boolean;
  /** Its tokenizer and chat template; null for an id the registry does not know (counted by bytes). */
  tokenizer: TokenizerName | null;
  /** The reasoning control shown for it, or null. */
  reasoningControl: ReasoningControl | null;
}

/**
 * Room a request always leaves for its prompt: the smallest prompt (the template, a short
 * message) is a few dozen tokens. The real fit is checked by the context budget.
 */
export const MIN_PROMPT_TOKENS = 64;

/** max_tokens may take the whole window but for the smallest prompt. */
export const maxTokensLimitFor = (contextTokens: number): number => Math.max(1, contextTokens - MIN_PROMPT_TOKENS);

/** The profile of `id` among the deployment's, if offered. */
export function findProfile(profiles: readonly ModelProfile[], id: string): ModelProfile | undefined {
  return profiles.find((profile) => profile.id === id);
}

let deploymentProfiles: readonly ModelProfile[] = [];

/**
 * Where "view code" snippets send their request, as far as a visitor may know it (the server
 * decides it from its environment: lib/server/ai/upstream.ts codeTarget). Never a key: snippets
 * read it from an environment variable.
 */
export interface CodeTarget {
  /** The base URL to print, or null to read it from `baseURLEnv` instead. */
  baseURL: string | null;
  baseURLEnv: 'SWALLOW_BASE_URL';
  apiKeyEnv: 'NVIDIA_API_KEY' | 'SWALLOW_API_KEY';
  /** A self-hosted server usually needs no key: snippets then fall back to a dummy one. */
  keyOptional: boolean;
}

/** Until the page says otherwise, a private server: print no URL, read it from the environment. */
let deploymentCodeTarget: CodeTarget = {
  baseURL: null,
  baseURLEnv: 'SWALLOW_BASE_URL',
  apiKeyEnv: 'SWALLOW_API_KEY',
  keyOptional: true,
};

/** The deployment's code target (PublicConfig.codeTarget), set by the page with its profiles. */
export function setCodeTarget(target: CodeTarget): void {
  deploymentCodeTarget = target;
}

export const codeTarget = (): CodeTarget => deploymentCodeTarget;

/**
 * The deployment's profiles (PublicConfig.profiles), set by the page before it renders so the
 * request body, the system prompt and the settings panel follow the selected model. The same
 * on the server and in the browser: they come from the server's environment.
 */
export function setModelProfiles(profiles: readonly ModelProfile[]): void {
  deploymentProfiles = profiles;
}

/** The selected model's profile; for an id the page was not given, the authors' Llama 3.1 Swallow defaults. */
export function profileForModel(id: string): ModelProfile {
  return (
    findProfile(deploymentProfiles, id) ?? {
      id,
      label: id,
      known: false,
      contextTokens: DEFAULT_CONTEXT_TOKENS,
      maxTokensLimit: maxTokensLimitFor(DEFAULT_CONTEXT_TOKENS),
      recommended: { ...DEFAULT_PARAMS },
      systemPrompt: DEFAULT_SYSTEM_PROMPTS,
      reasoning: false,
      tokenizer: null,
      reasoningControl: null,
    }
  );
}
