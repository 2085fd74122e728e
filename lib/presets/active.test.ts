import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/chat/settings-store';
import { effectiveSystemPrompt } from '@/lib/chat/request-body';
import { applyPreset, duplicatePreset, findPreset, isPresetModified, resetSystemPrompt } from './active';
import { findBuiltinPreset } from './builtin';
import type { Preset } from './preset';

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
