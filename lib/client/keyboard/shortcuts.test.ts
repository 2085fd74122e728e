import { describe, expect, it } from 'vitest';
import { SHORTCUTS, comboLabel, detectPlatform, escapeMayStop, matchShortcut, type KeyEventLike } from './shortcuts';

function key(init: Partial<KeyEventLike> & { key: string }): KeyEventLike {
  return { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init };
}

const NAMES = { ctrl: 'Ctrl', shift: 'Shift', esc: 'Esc', slash: 'Slash', command: 'Command' };

describe('matchShortcut', () => {
  it('matches each shortcut with Ctrl elsewhere and ⌘ on macOS', () => {
    expect(matchShortcut(key({ key: 'O', ctrlKey: true, shiftKey: true }), 'other')).toBe('newChat');
    expect(matchShortcut(key({ key: 'O', metaKey: true, shiftKey: true }), 'mac')).toBe('newChat');
    expect(matchShortcut(key({ key: 'S', ctrlKey: true, shiftKey: true }), 'other')).toBe('toggleHistory');
    expect(matchShortcut(key({ key: 'C', ctrlKey: true, shiftKey: true }), 'other')).toBe('copyLastReply');
    expect(matchShortcut(key({ key: '/', ctrlKey: true }), 'other')).toBe('showShortcuts');
    expect(matchShortcut(key({ key: '/', metaKey: true }), 'mac')).toBe('showShortcuts');
    expect(matchShortcut(key({ key: 'Escape', shiftKey: true }), 'other')).toBe('focusComposer');
    expect(matchShortcut(key({ key: 'Escape' }), 'mac')).toBe('stop');
  });

  it('wants exactly the modifiers named', () => {
    // The other platform's modifier, a missing Shift, an extra Alt or Shift: not a shortcut.
    expect(matchShortcut(key({ key: 'O', metaKey: true, shiftKey: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'O', ctrlKey: true, shiftKey: true }), 'mac')).toBeNull();
    expect(matchShortcut(key({ key: 'o', ctrlKey: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'O', ctrlKey: true, shiftKey: true, altKey: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: '?', ctrlKey: true, shiftKey: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'Escape', ctrlKey: true }), 'other')).toBeNull();
    // Plain letters and Ctrl+C (copy in a text field) are never taken.
    expect(matchShortcut(key({ key: 'o' }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'c', ctrlKey: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'Enter' }), 'other')).toBeNull();
  });

  it('finds letters by position on a non-Latin layout', () => {
    expect(matchShortcut(key({ key: 'Щ', code: 'KeyO', ctrlKey: true, shiftKey: true }), 'other')).toBe('newChat');
    // A Latin layout where KeyO types another letter goes by the letter.
    expect(matchShortcut(key({ key: 'R', code: 'KeyO', ctrlKey: true, shiftKey: true }), 'other')).toBeNull();
  });

  it('matches nothing during IME composition (isComposing, or keyCode 229 as Safari sends it)', () => {
    expect(matchShortcut(key({ key: 'Escape', isComposing: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'Escape', keyCode: 229 }), 'mac')).toBeNull();
    expect(matchShortcut(key({ key: 'Escape', shiftKey: true, isComposing: true }), 'other')).toBeNull();
    expect(matchShortcut(key({ key: 'O', ctrlKey: true, shiftKey: true, keyCode: 229 }), 'other')).toBeNull();
  });
});

describe('detectPlatform', () => {
  it('prefers the client hint, then navigator.platform, then the user agent', () => {
    expect(detectPlatform({ userAgentData: { platform: 'macOS' }, platform: 'Win32' })).toBe('mac');
    expect(detectPlatform({ userAgentData: { platform: 'Windows' }, platform: 'MacIntel' })).toBe('other');
    expect(detectPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(detectPlatform({ platform: 'iPad' })).toBe('mac');
    expect(detectPlatform({ platform: 'Linux x86_64' })).toBe('other');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' })).toBe('mac');
    expect(detectPlatform(undefined)).toBe('other');
  });
});

describe('comboLabel', () => {
  const combo = (id: string) => SHORTCUTS.find((s) => s.id === id)!.combo;
  it('writes ⌘ ⇧ on macOS and Ctrl + Shift elsewhere, read out by name', () => {
    expect(comboLabel(combo('newChat'), 'mac', NAMES)).toEqual({ keys: ['⌘', '⇧', 'O'], spoken: 'Command Shift O' });
    expect(comboLabel(combo('newChat'), 'other', NAMES)).toEqual({
      keys: ['Ctrl', 'Shift', 'O'],
      spoken: 'Ctrl Shift O',
    });
    expect(comboLabel(combo('showShortcuts'), 'other', NAMES)).toEqual({ keys: ['Ctrl', '/'], spoken: 'Ctrl Slash' });
    expect(comboLabel(combo('focusComposer'), 'mac', NAMES)).toEqual({ keys: ['⇧', 'Esc'], spoken: 'Shift Esc' });
  });
});

describe('escapeMayStop', () => {
  const el = (tagName: string, opts: { id?: string; inside?: boolean; editable?: boolean } = {}) => ({
    tagName,
    id: opts.id,
    isContentEditable: opts.editable,
    closest: () => (opts.inside ? {} : null),
  });
  it('lets Esc stop from the page, the composer and the conversation', () => {
    expect(escapeMayStop(null)).toBe(true);
    expect(escapeMayStop(el('BODY'))).toBe(true);
    expect(escapeMayStop(el('TEXTAREA', { id: 'composer' }))).toBe(true);
    expect(escapeMayStop(el('BUTTON'))).toBe(true);
  });
  it('leaves Esc to dialogs, menus, drawers and other fields', () => {
    expect(escapeMayStop(el('BUTTON', { inside: true }))).toBe(false);
    expect(escapeMayStop(el('TEXTAREA', { id: 'system-prompt' }))).toBe(false);
    expect(escapeMayStop(el('INPUT'))).toBe(false);
    expect(escapeMayStop(el('DIV', { editable: true }))).toBe(false);
  });
});
