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
