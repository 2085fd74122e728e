import { describe, expect, it } from 'vitest';
import { isSubmitEnter, isTouchKeyboard, TOUCH_QUERIES } from './Composer';

const enter = (over: Partial<{ key: string; shiftKey: boolean; keyCode: number; isComposing: boolean }> = {}) => ({
  key: over.key ?? 'Enter',
  shiftKey: over.shiftKey ?? false,
  keyCode: over.keyCode ?? 13,
  nativeEvent: { isComposing: over.isComposing ?? false },
});

describe('isSubmitEnter', () => {
  it('sends on a plain Enter', () => expect(isSubmitEnter(enter())).toBe(true));
  it('adds a line on Shift+Enter', () => expect(isSubmitEnter(enter({ shiftKey: true }))).toBe(false));
  it('does not send while composing (Chrome/Firefox order)', () =>
    expect(isSubmitEnter(enter({ isComposing: true }))).toBe(false));
  it('does not send on the keyCode 229 Enter after compositionend (Safari order)', () =>
    expect(isSubmitEnter(enter({ keyCode: 229 }))).toBe(false));
  it('ignores other keys', () => expect(isSubmitEnter(enter({ key: 'a' }))).toBe(false));
});

describe('isSubmitEnter on a touch keyboard', () => {
  const touch = true;
  it('makes a new line on a plain Enter', () => expect(isSubmitEnter(enter(), touch)).toBe(false));
  it('sends on Ctrl/⌘+Enter (a hardware keyboard on a tablet)', () => {
    expect(isSubmitEnter({ ...enter(), ctrlKey: true }, touch)).toBe(true);
    expect(isSubmitEnter({ ...enter(), metaKey: true }, touch)).toBe(true);
  });
  it('never sends while composing', () =>
    expect(isSubmitEnter({ ...enter({ keyCode: 229 }), metaKey: true }, touch)).toBe(false));
});

describe('isTouchKeyboard', () => {
  const media = (coarse: boolean, fine: boolean) => ({
    matchMedia: (query: string) => ({ matches: query === TOUCH_QUERIES.coarse ? coarse : fine }),
  });
  it('a phone: coarse pointer, no fine one', () => expect(isTouchKeyboard(media(true, false))).toBe(true));
  it('a desktop', () => expect(isTouchKeyboard(media(false, true))).toBe(false));
  it('a tablet with a trackpad keyboard: Enter sends', () => expect(isTouchKeyboard(media(true, true))).toBe(false));
  it('no window (server)', () => expect(isTouchKeyboard({})).toBe(false));
});
