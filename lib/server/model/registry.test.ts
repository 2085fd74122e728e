import { describe, expect, it } from 'vitest';
import data from '@/data/swallow-models.json';
import { DEFAULT_PARAMS, DEFAULT_SYSTEM_PROMPTS } from '@/lib/shared/model/profile';
import { findEntry, modelKey, modelProfile, parseRegistry, REGISTRY } from './registry';

const NVIDIA_8B = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
const V04_70B = 'tokyotech-llm/Llama-3.3-Swallow-70B-Instruct-v0.4';
const V03_70B = 'tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.3';

/** The data file with one model's entry changed. */
const withEntry = (index: number, patch: Record<string, unknown>) => ({
  ...data,
  models: data.models.map((m, i) => (i === index ? { ...m, ...patch } : m)),
});

describe('the registry data file', () => {
  it('has every model the issue names, each figure with its source or a note', () => {
    const ids = REGISTRY.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        NVIDIA_8B,
        'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
        'tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.3',
        V03_70B,
        'tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.5',
        V04_70B,
        'meta/llama-3.1-8b-instruct',
      ]),
    );
    expect(REGISTRY.some((m) => m.id.includes('Qwen3-Swallow') && m.reasoning.value)).toBe(true);
    expect(REGISTRY.some((m) => m.id.includes('GPT-OSS-Swallow') && m.reasoning.value)).toBe(true);
    for (const m of REGISTRY)
      for (const f of [m.contextTokens, m.sampling, m.systemPrompt, m.reasoning])
        expect(f.value === null ? 'note' in f && f.note : 'source' in f && f.source).toBeTruthy();
  });

  it('refuses a figure without its source, a null without a note, a bad value, a name used twice', () => {
    const sourceless = withEntry(0, { contextTokens: { value: 8192 } });
    expect(() => parseRegistry(sourceless)).toThrow(/models\.0\.contextTokens/);
    expect(() => parseRegistry(withEntry(1, { contextTokens: { value: null } }))).toThrow(/models\.1\.contextTokens/);
    const hot = withEntry(0, { sampling: { value: { temperature: 3, topP: 0.9, maxTokens: 512 }, source: 'x' } });
    expect(() => parseRegistry(hot)).toThrow(/models\.0\.sampling/);
    const twice = withEntry(2, { aliases: ['someone/llama-3.1-swallow-8b-instruct-v0.1'] });
    expect(() => parseRegistry(twice)).toThrow(/also names institute-of-science-tokyo/);
    expect(() => parseRegistry({ ...data, extra: 1 })).toThrow(/data\/swallow-models\.json/);
  });
});

describe('modelProfile', () => {
  it("gives a known model its card's window, sampling and prompt", () => {
    expect(modelProfile(NVIDIA_8B, 4096)).toEqual({
      id: NVIDIA_8B,
      label: 'Llama 3.1 Swallow 8B Instruct v0.1',
      known: true,
      contextTokens: 8192,
      maxTokensLimit: 8128,
      recommended: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
      systemPrompt: DEFAULT_SYSTEM_PROMPTS,
      reasoning: false,
      tokenizer: 'llama3',
      reasoningControl: null,
    });
    expect(modelProfile(V03_70B).contextTokens).toBe(131_072);
  });

  it('finds a model by any of its names, in any case', () => {
    expect(modelKey('tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.1')).toBe(modelKey(NVIDIA_8B));
    expect(findEntry('LLAMA-3.1-SWALLOW-8B-INSTRUCT-V0.1')?.id).toBe(NVIDIA_8B);
    expect(modelProfile('meta-llama/Llama-3.1-8B-Instruct').label).toBe('Llama 3.1 8B Instruct (Meta)');
    // The served id stays the one asked for: it is what the upstream knows.
    expect(modelProfile('tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.1').id).toBe(
      'tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.1',
    );
  });

  it("falls back to SWALLOW_CONTEXT_TOKENS and the authors' defaults for a figure or a model it lacks", () => {
    expect(modelProfile(V04_70B, 16_384)).toMatchObject({
      known: true,
      contextTokens: 16_384,
      recommended: DEFAULT_PARAMS,
      systemPrompt: DEFAULT_SYSTEM_PROMPTS,
    });
    expect(modelProfile('someone/my-finetune:8b', 2048)).toEqual({
      id: 'someone/my-finetune:8b',
      label: 'someone/my-finetune:8b',
      known: false,
      contextTokens: 2048,
      maxTokensLimit: 1984,
      recommended: DEFAULT_PARAMS,
      systemPrompt: DEFAULT_SYSTEM_PROMPTS,
      reasoning: false,
      // Unknown: counted by bytes, with no reasoning control.
      tokenizer: null,
      reasoningControl: null,
    });
    expect(modelProfile('tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.2').label).toBe(
      'Llama 3.1 Swallow 8B Instruct v0.2',
    );
  });

  it('marks the reasoning models, their tokenizer and control, and gives them room to reason', () => {
    const qwen = modelProfile('tokyotech-llm/Qwen3-Swallow-8B-RL-v0.2');
    expect(qwen).toMatchObject({
      reasoning: true,
      recommended: { maxTokens: 4096 },
      tokenizer: 'qwen3',
      reasoningControl: 'think',
      contextTokens: 32_768,
    });
    const oss = modelProfile('tokyotech-llm/GPT-OSS-Swallow-20B-RL-v0.1');
    expect(oss).toMatchObject({
      reasoning: true,
      recommended: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
      tokenizer: 'o200k-harmony',
      reasoningControl: 'effort',
      contextTokens: 131_072,
    });
    // A recommendation never exceeds what the window allows.
    expect(
      modelProfile('tokyotech-llm/Qwen3-Swallow-8B-RL-v0.2', 1024, { contextTokens: 1024 }).recommended.maxTokens,
    ).toBe(960);
  });

  it('names a tokenizer for every entry, and a reasoning control only for reasoning models', () => {
    for (const entry of parseRegistry(data)) {
      expect(entry.tokenizer.value).not.toBeNull();
      if (entry.reasoningControl) expect(entry.reasoning.value).toBe(true);
    }
  });

  it("applies the deployment's overrides last", () => {
    const profile = modelProfile(NVIDIA_8B, 8192, {
      label: '8B (ours)',
      contextTokens: 4096,
      temperature: 0.3,
      systemPrompt: { en: 'Be brief.' },
      reasoning: true,
    });
    expect(profile).toMatchObject({
      label: '8B (ours)',
      contextTokens: 4096,
      maxTokensLimit: 4032,
      recommended: { temperature: 0.3, topP: 0.9, maxTokens: 512 },
      systemPrompt: { ja: DEFAULT_SYSTEM_PROMPTS.ja, en: 'Be brief.' },
      reasoning: true,
    });
  });
});
