import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from '@/lib/shared/model/profile';
import { parseModelList, resolveDeploymentModels } from './registry';

const V04 = 'tokyotech-llm/Llama-3.3-Swallow-70B-Instruct-v0.4';

describe('SWALLOW_MODELS', () => {
  it('reads ids with an optional @window, once each, first the default', () => {
    expect(parseModelList(` a , ${V04}@131072,,a@9000 `)).toEqual({
      models: [{ id: 'a' }, { id: V04, contextTokens: 131_072 }],
    });
    expect(parseModelList(undefined)).toEqual({ models: [] });
  });

  it('names the entry whose window is not a number of tokens', () => {
    for (const bad of ['a@lots', 'a@', 'a@100', 'a@1e5', '@8192'])
      expect(parseModelList(`ok,${bad}`).error).toContain(`"${bad}"`);
  });
});

describe('resolveDeploymentModels', () => {
  it('defaults to both NVIDIA Swallow models, each by its card', () => {
    const { models, profiles, error } = resolveDeploymentModels({}, 8192);
    expect(error).toBeUndefined();
    expect(models).toEqual(DEFAULT_MODELS);
    expect(profiles.map((p) => [p.label, p.contextTokens])).toEqual([
      ['Llama 3.1 Swallow 8B Instruct v0.1', 8192],
      ['Llama 3.1 Swallow 70B Instruct v0.1', 8192],
    ]);
  });

  it('budgets each model by its own window: @, the card, then SWALLOW_CONTEXT_TOKENS', () => {
    const { profiles } = resolveDeploymentModels(
      { SWALLOW_MODELS: `${V04}@131072,tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.3,mine` },
      4096,
    );
    expect(profiles.map((p) => p.contextTokens)).toEqual([131_072, 131_072, 4096]);
  });

  it('applies SWALLOW_MODEL_OPTIONS to the models it names', () => {
    const { profiles, error } = resolveDeploymentModels(
      {
        SWALLOW_MODELS: 'mine,theirs',
        SWALLOW_MODEL_OPTIONS: JSON.stringify({
          mine: { label: 'My reasoner', contextTokens: 32_768, maxTokens: 2048, reasoning: true, systemPrompt: 'Hi' },
        }),
      },
      8192,
    );
    expect(error).toBeUndefined();
    expect(profiles[0]).toMatchObject({
      label: 'My reasoner',
      contextTokens: 32_768,
      recommended: { maxTokens: 2048 },
      reasoning: true,
      systemPrompt: { ja: 'Hi', en: 'Hi' },
    });
    expect(profiles[1]).toMatchObject({ label: 'theirs', contextTokens: 8192, reasoning: false });
  });

  it('reports a mistake whole, naming the variable, the model and the field', () => {
    const env = (options: unknown) => ({
      SWALLOW_MODELS: 'mine@8192',
      SWALLOW_MODEL_OPTIONS: typeof options === 'string' ? options : JSON.stringify(options),
    });
    const errorOf = (options: unknown) => resolveDeploymentModels(env(options), 8192).error;
    expect(errorOf('{mine:')).toMatch(/^SWALLOW_MODEL_OPTIONS is not valid JSON/);
    expect(errorOf({ mine: { temperature: 5 } })).toMatch(/^SWALLOW_MODEL_OPTIONS\["mine"\]\["temperature"\]: Too big/);
    expect(errorOf({ mine: { colour: 'red' } })).toMatch(/SWALLOW_MODEL_OPTIONS\["mine"\]: Unrecognized key/);
    expect(errorOf({ other: {} })).toBe('SWALLOW_MODEL_OPTIONS: "other" is not in SWALLOW_MODELS');
    expect(errorOf({ mine: { contextTokens: 4096 } })).toMatch(/both from SWALLOW_MODELS \(@\) and contextTokens/);
    const broken = resolveDeploymentModels({ SWALLOW_MODELS: 'a@x', SWALLOW_MODEL_OPTIONS: '{}' }, 8192);
    expect(broken.error).toMatch(/^SWALLOW_MODELS: "a@x"/);
  });
});
