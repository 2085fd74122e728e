import { describe, expect, it } from 'vitest';
import { defaultSettings, effectiveSystemPrompt } from '@/lib/client/chat/chat-session';
import { setModelProfiles, type ModelProfile } from '@/lib/shared/model/profile';
import {
  applyPreset,
  duplicatePreset,
  findPreset,
  isPresetModified,
  resetSystemPrompt,
  settingsForModel,
} from './active';
import { findBuiltinPreset } from '../../shared/presets/preset';
import type { Preset } from '../../shared/presets/preset';

const base = defaultSettings(['m']);
const translate = findBuiltinPreset('translate-ja-en')!;
const mine: Preset = {
  id: 'mine',
  name: '私の',
  description: '',
  systemPrompt: '短く答えて',
  params: { temperature: 1, topP: 0.8, maxTokens: 100 },
  starters: [],
};

describe('applyPreset', () => {
  it('a built-in sets its parameters and a prompt that follows the language', () => {
    const applied = applyPreset(base, translate, 'ja');
    expect(applied).toMatchObject({
      presetId: 'translate-ja-en',
      systemPrompt: null,
      temperature: 0.2,
      maxTokens: 1024,
      model: 'm',
    });
    expect(effectiveSystemPrompt(applied, 'ja')).toContain('プロの翻訳者');
    expect(effectiveSystemPrompt(applied, 'en')).toContain('professional translator');
    expect(isPresetModified(applied, translate)).toBe(false);
  });

  it('a user preset sets its prompt as written', () => {
    const applied = applyPreset(base, mine, 'en');
    expect(effectiveSystemPrompt(applied, 'en')).toBe('短く答えて');
    expect(isPresetModified(applied, mine)).toBe(false);
  });
});

describe('isPresetModified', () => {
  it('notices a prompt edited by hand or a changed parameter', () => {
    const applied = applyPreset(base, translate, 'ja');
    expect(isPresetModified({ ...applied, systemPrompt: '別の指示' }, translate)).toBe(true);
    expect(isPresetModified({ ...applied, temperature: 0.9 }, translate)).toBe(true);
    // Typing the preset's own wording back is not a modification.
    expect(isPresetModified({ ...applied, systemPrompt: effectiveSystemPrompt(applied, 'en') }, translate)).toBe(false);
  });
});

describe('resetSystemPrompt and duplicatePreset', () => {
  it('reset goes back to the active preset\u2019s own wording', () => {
    const withMine = { ...applyPreset(base, mine, 'ja'), systemPrompt: '書き換えた' };
    expect(resetSystemPrompt(withMine, [mine], 'ja').systemPrompt).toBe('短く答えて');
    const withBuiltin = { ...applyPreset(base, translate, 'ja'), systemPrompt: '書き換えた' };
    expect(effectiveSystemPrompt(resetSystemPrompt(withBuiltin, [], 'ja'), 'ja')).toContain('プロの翻訳者');
  });

  it('a duplicate is the user\u2019s own copy in the current language', () => {
    const copy = duplicatePreset(translate, 'en', ' (copy)', 'copy-1');
    expect(copy).toMatchObject({ id: 'copy-1', name: 'Japanese → English (copy)', params: translate.params });
    expect(typeof copy.systemPrompt).toBe('string');
    expect(findPreset('copy-1', [copy])).toBe(copy);
    expect(findPreset('translate-ja-en', [copy])).toBe(translate);
  });
});

describe('settingsForModel (a compare column given another model)', () => {
  const profile = (id: string, temperature: number, topP: number, maxTokens: number, prompt: string): ModelProfile => ({
    id,
    label: id,
    known: true,
    contextTokens: 4096,
    maxTokensLimit: 4032,
    recommended: { temperature, topP, maxTokens },
    systemPrompt: { ja: `${prompt}です。`, en: `${prompt}.` },
    reasoning: false,
    tokenizer: 'llama3',
    reasoningControl: null,
  });
  const profiles = [profile('a', 0.6, 0.9, 512, 'A'), profile('b', 1, 0.95, 3000, 'B')];

  it("under the default preset takes that model's recommended sampling and system prompt", () => {
    setModelProfiles(profiles);
    const onA = { ...defaultSettings(['a']), temperature: 1.3, systemPrompt: '古い' };
    const onB = settingsForModel(onA, 'b', 'ja');
    expect(onB).toMatchObject({ model: 'b', presetId: 'assistant', temperature: 1, topP: 0.95, maxTokens: 3000 });
    expect(effectiveSystemPrompt(onB, 'ja')).toBe('Bです。');
    expect(effectiveSystemPrompt(settingsForModel(onB, 'a', 'en'), 'en')).toBe('A.');
    expect(settingsForModel(onB, 'a', 'en')).toMatchObject({ temperature: 0.6, topP: 0.9, maxTokens: 512 });
    setModelProfiles([]);
  });

  it('under another preset keeps its sampling and prompt, max tokens within the new window', () => {
    setModelProfiles([profile('a', 0.6, 0.9, 512, 'A'), { ...profile('small', 1, 1, 100, 'S'), maxTokensLimit: 200 }]);
    const mineOnA = applyPreset(
      { ...base, model: 'a' },
      { ...mine, params: { ...mine.params, maxTokens: 1000 } },
      'ja',
    );
    const moved = settingsForModel(mineOnA, 'small', 'ja');
    expect(moved).toMatchObject({ model: 'small', presetId: 'mine', temperature: 1, topP: 0.8, maxTokens: 200 });
    expect(effectiveSystemPrompt(moved, 'ja')).toBe('短く答えて');
    setModelProfiles([]);
  });
});
