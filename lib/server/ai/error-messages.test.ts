import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json' with { type: 'json' };
import ja from '../../../messages/ja.json' with { type: 'json' };
import { CHAT_ERROR_CODES } from './errors';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('every error code has a message in both languages', () => {
    for (const code of CHAT_ERROR_CODES) {
      expect((en.errors as Record<string, string>)[code], code).toBeTruthy();
      expect((ja.errors as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('ja.json and en.json have the same keys', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('the unlock screen is translated', () => {
    expect(Object.keys(ja.unlock).sort()).toEqual(Object.keys(en.unlock).sort());
    expect(ja.unlock.title).not.toBe(en.unlock.title);
  });
});
