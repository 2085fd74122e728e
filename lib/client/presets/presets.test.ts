import { describe, expect, it } from 'vitest';
import { BUILTIN_PRESETS, DEFAULT_PRESET_ID, localizePreset, type Preset } from '../../shared/presets/preset';
import { parsePresetFile } from './import-file';
import { presetSchema } from '../../shared/presets/schema';
import { loadPresets } from './storage';
import { PRESETS_STORAGE_VERSION, serializePresets } from './storage-format';
import { exportPresetFile, MAX_IMPORT_BYTES, MAX_USER_PRESETS, mergeImported } from './transfer';

const mine: Preset = {
  id: 'my-haiku',
  name: '俳句の先生',
  description: '五七五で添削します',
  systemPrompt: 'あなたは俳句の先生です。',
  params: { temperature: 0.7, topP: 0.9, maxTokens: 256 },
  starters: ['古池や'],
};

describe('built-in presets', () => {
  it('has at least ten, all valid, with unique ids and text in both languages', () => {
    expect(BUILTIN_PRESETS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(BUILTIN_PRESETS.map((p) => p.id)).size).toBe(BUILTIN_PRESETS.length);
    for (const preset of BUILTIN_PRESETS) {
      expect(presetSchema.safeParse(preset).success, preset.id).toBe(true);
      const ja = localizePreset(preset, 'ja');
      const en = localizePreset(preset, 'en');
      expect(ja.name).not.toBe(en.name);
      expect(ja.description).not.toBe(en.description);
      expect(ja.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('starts with the authors\u2019 default assistant', () => {
    const preset = localizePreset(BUILTIN_PRESETS[0], 'ja');
    expect(preset.id).toBe(DEFAULT_PRESET_ID);
    expect(preset.systemPrompt).toBe('あなたは誠実で優秀な日本人のアシスタントです。');
    expect(preset.params).toEqual({ temperature: 0.6, topP: 0.9, maxTokens: 512 });
  });
});

describe('preset schema', () => {
  it('rejects out-of-range parameters, bad ids, empty names and unknown fields', () => {
    expect(presetSchema.safeParse({ ...mine, params: { ...mine.params, temperature: 5 } }).success).toBe(false);
    expect(presetSchema.safeParse({ ...mine, id: 'Has Spaces' }).success).toBe(false);
    expect(presetSchema.safeParse({ ...mine, name: '  ' }).success).toBe(false);
    expect(presetSchema.safeParse({ ...mine, apiKey: 'x' }).success).toBe(false);
    expect(presetSchema.safeParse({ ...mine, starters: ['1', '2', '3', '4', '5'] }).success).toBe(false);
  });
});

describe('preset storage', () => {
  it('round-trips through the versioned envelope', () => {
    const raw = serializePresets([mine]);
    expect(JSON.parse(raw).version).toBe(PRESETS_STORAGE_VERSION);
    expect(loadPresets(raw)).toEqual({ status: 'ok', presets: [mine], dropped: 0 });
  });

  it('migrates the unversioned array of earlier builds', () => {
    expect(loadPresets(JSON.stringify([mine]))).toEqual({ status: 'ok', presets: [mine], dropped: 0, migratedFrom: 0 });
  });

  it('keeps the good presets when one stored entry is damaged, and counts the rest', () => {
    const raw = JSON.stringify({ version: 1, presets: [mine, { id: 'broken' }] });
    expect(loadPresets(raw)).toMatchObject({ status: 'ok', presets: [mine], dropped: 1 });
  });

  it('reads data from a newer app version without claiming it', () => {
    expect(loadPresets(JSON.stringify({ version: 9, presets: [mine] }))).toEqual({
      status: 'newer',
      presets: [mine],
      version: 9,
    });
  });

  it('reports unreadable storage instead of throwing', () => {
    expect(loadPresets('{oops')).toEqual({ status: 'unreadable' });
    expect(loadPresets('"text"')).toEqual({ status: 'unreadable' });
    // Version 0 was the bare array, never an envelope: migrating it would nest the envelope.
    expect(loadPresets(JSON.stringify({ version: 0, presets: [] }))).toEqual({ status: 'unreadable' });
    expect(loadPresets(null)).toEqual({ status: 'ok', presets: [], dropped: 0 });
  });
});

describe('preset files', () => {
  it('export → import round trip', () => {
    const file = exportPresetFile([mine], new Date('2026-11-26T00:00:00Z'));
    expect(JSON.parse(file)).toMatchObject({
      format: 'swallow-chat/presets',
      version: 1,
      exportedAt: '2026-11-26T00:00:00.000Z',
    });
    expect(parsePresetFile(file, 0)).toEqual({ ok: true, presets: [mine] });
  });

  it('accepts a bare array', () => {
    expect(parsePresetFile(JSON.stringify([mine]), 0)).toEqual({ ok: true, presets: [mine] });
  });

  it('says precisely what is wrong with a bad file', () => {
    expect(parsePresetFile('not json at all', 0)).toEqual({ ok: false, error: { code: 'not_json' } });
    const wrong = parsePresetFile(
      JSON.stringify({
        format: 'swallow-chat/presets',
        version: 1,
        presets: [mine, { ...mine, params: { ...mine.params, maxTokens: -1 } }],
      }),
      0,
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'bad_item', item: 2, path: 'presets.1.params.maxTokens' },
    });
    expect(parsePresetFile(JSON.stringify({ hello: 'world' }), 0)).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'wrong_file' },
    });
    // A hand-written bare list: its items are numbered too.
    expect(parsePresetFile(JSON.stringify([mine, { name: 'x' }]), 0)).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'bad_item', item: 2 },
    });
    expect(parsePresetFile(JSON.stringify([]), 0)).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parsePresetFile(' '.repeat(MAX_IMPORT_BYTES + 1), 0)).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    });
    const many = Array.from({ length: 3 }, (_, i) => ({ ...mine, id: `p-${i}` }));
    expect(parsePresetFile(JSON.stringify(many), MAX_USER_PRESETS - 2)).toEqual({
      ok: false,
      error: { code: 'too_many', count: MAX_USER_PRESETS + 1, max: MAX_USER_PRESETS },
    });
  });

  it('never overwrites: colliding ids (also with built-ins) get new ones', () => {
    const incoming = [mine, { ...mine, id: 'assistant' }, { ...mine, id: 'fresh' }];
    const result = mergeImported([mine], incoming);
    expect(result.presets.map((p) => p.id)).toEqual(['my-haiku', 'my-haiku-2', 'assistant-2', 'fresh']);
    expect(result.renamed).toEqual([
      { from: 'my-haiku', to: 'my-haiku-2' },
      { from: 'assistant', to: 'assistant-2' },
    ]);
  });
});
