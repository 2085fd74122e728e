import { describe, expect, it } from 'vitest';
import { parseChoice, SETTINGS_PANEL_KEY, SETTINGS_PANEL_SCRIPT } from './settings-panel';

describe('settings panel column', () => {
  it('reads only the two choices', () => {
    expect(parseChoice('open')).toBe('open');
    expect(parseChoice('closed')).toBe('closed');
    expect(parseChoice('yes')).toBeNull();
    expect(parseChoice(undefined)).toBeNull();
  });

  it('the head script marks <html> with a remembered choice, and nothing else', () => {
    for (const [stored, expected] of [
      ['closed', 'closed'],
      ['open', 'open'],
      ['<script>', undefined],
      [null, undefined],
    ] as const) {
      const dataset: Record<string, string> = {};
      const storage = { getItem: (key: string) => (key === SETTINGS_PANEL_KEY ? stored : null) };
      new Function('localStorage', 'document', SETTINGS_PANEL_SCRIPT)(storage, { documentElement: { dataset } });
      expect(dataset.settingsPanel).toBe(expected);
    }
  });
});
