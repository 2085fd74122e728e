import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { pageCsp } from '@/lib/server/security/headers';
import { applyTheme, nonceFromCsp, parseTheme, THEME_SCRIPT, THEME_STORAGE_KEY } from './theme';

function runScript(stored: string | null | Error) {
  const dataset: Record<string, string> = {};
  const localStorage = {
    getItem: (key: string) => {
      if (stored instanceof Error) throw stored;
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  runInNewContext(THEME_SCRIPT, { localStorage, document: { documentElement: { dataset } } });
  return dataset.theme;
}

describe('theme', () => {
  it('reads only light and dark as a choice; anything else is the system theme', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('system')).toBe('system');
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('purple')).toBe('system');
  });

  it('the head script applies a remembered choice before the first paint', () => {
    expect(runScript('dark')).toBe('dark');
    expect(runScript('light')).toBe('light');
    expect(runScript(null)).toBeUndefined();
    expect(runScript('"><script>')).toBeUndefined();
    expect(runScript(new Error('SecurityError: storage blocked'))).toBeUndefined();
  });

  it('applies a choice as data-theme, and the system theme as none', () => {
    const root = { dataset: {} as DOMStringMap };
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });

  it('finds the nonce in the page CSP the proxy sets', () => {
    expect(nonceFromCsp(pageCsp('abc+/9=='))).toBe('abc+/9==');
    expect(nonceFromCsp(null)).toBeUndefined();
    expect(nonceFromCsp("default-src 'self'")).toBeUndefined();
  });
});
