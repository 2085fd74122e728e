import { describe, expect, it } from 'vitest';
import { isSubmitEnter } from './ime';

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
