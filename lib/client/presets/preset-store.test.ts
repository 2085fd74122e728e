import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Preset } from '../../shared/presets/preset';
import { PRESETS_STORAGE_KEY, serializePresets } from './storage-format';

const preset = (id: string): Preset => ({
  id,
  name: id,
  description: '',
  systemPrompt: 'x',
  params: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
  starters: [],
});

/** A fresh store module (it hydrates once per page) over a localStorage holding `stored`. */
async function page(stored: Preset[] | null) {
  const storage = new Map(stored === null ? [] : [[PRESETS_STORAGE_KEY, serializePresets(stored)]]);
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
    },
    addEventListener: () => {},
  });
  vi.resetModules();
  const store = await import('./preset-store');
  const saved = () =>
    (JSON.parse(storage.get(PRESETS_STORAGE_KEY) ?? 'null') as { presets: Preset[] } | null)?.presets.map((p) => p.id);
  return { ...store, saved };
}
afterEach(() => vi.unstubAllGlobals());

describe('presetStore', () => {
  it('shows saved presets once their validation has loaded', async () => {
    const { presetStore, hydratePresets } = await page([preset('mine')]);
    hydratePresets();
    await vi.waitFor(() => expect(presetStore.get().presets.map((p) => p.id)).toEqual(['mine']));
  });

  it('a preset added while saved ones are still being read (save a share link as preset) joins them, nothing is lost', async () => {
    const { presetStore, hydratePresets, addPreset, saved } = await page([preset('mine'), preset('shared')]);
    hydratePresets();
    const added = addPreset(preset('shared'));
    expect(presetStore.get().presets.map((p) => p.id)).toContain(added.id);
    await vi.waitFor(() => expect(saved()).toEqual(['mine', 'shared', 'shared-2']));
    expect(presetStore.get().presets.map((p) => p.id)).toEqual(['mine', 'shared', 'shared-2']);
  });

  it('on a first visit, reading finds nothing and changes nothing: what shows the presets does not render again', async () => {
    const { presetStore, hydratePresets } = await page(null);
    const before = presetStore.get();
    const changed = vi.fn();
    presetStore.subscribe(changed);
    hydratePresets();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(presetStore.get()).toBe(before);
    expect(changed).not.toHaveBeenCalled();
  });

  it('on a first visit, changes are saved at once', async () => {
    const { hydratePresets, addPreset, saved } = await page(null);
    hydratePresets();
    addPreset(preset('new'));
    expect(saved()).toEqual(['new']);
  });
});
