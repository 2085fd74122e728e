/**
 * The app's keyboard shortcuts: which keys, how a key press is matched, and how the keys are
 * named on each platform. Pure functions, so they are unit-tested without a browser.
 *
 * The combinations follow ChatGPT's, which people already know, and none is one a browser keeps
 * for itself (pages may not take Ctrl/⌘+N, T, W, Shift+N/T/W, Tab; these are none of them):
 * Ctrl/⌘+Shift+O opens the bookmarks manager in Chrome and Firefox, Ctrl/⌘+Shift+S takes a
 * screenshot in Firefox, Ctrl/⌘+Shift+C opens the element inspector (Chrome, Firefox), and
 * Shift+Esc opens Chrome's task manager on Windows/Linux; on this page they do the chat's thing
 * instead (the page handles the key first and cancels the browser's action). None is a key a
 * text field needs: every one has a modifier except Esc, which stops a reply only while one
 * streams and only where Esc has no other job (not in a dialog, a menu, a drawer or another field).
 */
export type ShortcutId = 'newChat' | 'focusComposer' | 'stop' | 'toggleHistory' | 'copyLastReply' | 'showShortcuts';

export interface Combo {
  /** KeyboardEvent.key, lower case for letters. */
  key: string;
  /** Ctrl elsewhere, ⌘ on macOS. */
  mod?: boolean;
  shift?: boolean;
}

export const SHORTCUTS: readonly { id: ShortcutId; combo: Combo }[] = [
  { id: 'newChat', combo: { key: 'o', mod: true, shift: true } },
  { id: 'focusComposer', combo: { key: 'Escape', shift: true } },
  { id: 'stop', combo: { key: 'Escape' } },
  { id: 'toggleHistory', combo: { key: 's', mod: true, shift: true } },
  { id: 'copyLastReply', combo: { key: 'c', mod: true, shift: true } },
  { id: 'showShortcuts', combo: { key: '/', mod: true } },
];

export type Platform = 'mac' | 'other';

interface NavigatorLike {
  userAgentData?: { platform?: string };
  platform?: string;
  userAgent?: string;
}

/** macOS and iPadOS/iOS (hardware keyboards there have ⌘ too), from the client hints when there are any. */
export function detectPlatform(nav: NavigatorLike | undefined): Platform {
  const name = nav?.userAgentData?.platform || nav?.platform || nav?.userAgent || '';
  return /mac|iphone|ipad|ipod/i.test(name) ? 'mac' : 'other';
}

export interface KeyEventLike {
  key: string;
  /** For letters typed on a non-Latin layout: KeyO etc. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/** True while an IME is composing: Chrome/Firefox set isComposing, Safari sends keyCode 229. */
export function isComposingKey(e: Pick<KeyEventLike, 'isComposing' | 'keyCode'>): boolean {
  return Boolean(e.isComposing) || e.keyCode === 229;
}

function keyMatches(e: KeyEventLike, key: string): boolean {
  if (e.key.toLowerCase() === key.toLowerCase()) return true;
  // A letter on a Cyrillic, Greek... layout: the key's position names it.
  return /^[a-z]$/.test(key) && e.code === `Key${key.toUpperCase()}` && !/^[a-z]$/i.test(e.key);
}

export function comboMatches(e: KeyEventLike, combo: Combo, platform: Platform): boolean {
  const mod = platform === 'mac' ? e.metaKey : e.ctrlKey;
  const otherMod = platform === 'mac' ? e.ctrlKey : e.metaKey;
  if (e.altKey || otherMod) return false;
  if (mod !== Boolean(combo.mod) || e.shiftKey !== Boolean(combo.shift)) return false;
  return keyMatches(e, combo.key);
}

/** Which shortcut a key press is, if any; never one during IME composition. */
export function matchShortcut(e: KeyEventLike, platform: Platform): ShortcutId | null {
  if (isComposingKey(e)) return null;
  return SHORTCUTS.find(({ combo }) => comboMatches(e, combo, platform))?.id ?? null;
}

export interface KeyNames {
  ctrl: string;
  shift: string;
  esc: string;
  slash: string;
}

export interface ComboLabel {
  /** What is printed on each key, in order: ["⌘", "⇧", "O"] or ["Ctrl", "Shift", "O"]. */
  keys: string[];
  /** The same read out: "Command Shift O". */
  spoken: string;
}

const MAC_SYMBOLS = { mod: '⌘', shift: '⇧' };

/**
 * Names a combination as it is written on the platform: ⌘ ⇧ O on macOS, Ctrl + Shift + O
 * elsewhere; `names` are the locale's names of the keys (what screen readers say for the symbols).
 */
export function comboLabel(combo: Combo, platform: Platform, names: KeyNames & { command: string }): ComboLabel {
  const keys: string[] = [];
  const spoken: string[] = [];
  if (combo.mod) {
    keys.push(platform === 'mac' ? MAC_SYMBOLS.mod : names.ctrl);
    spoken.push(platform === 'mac' ? names.command : names.ctrl);
  }
  if (combo.shift) {
    keys.push(platform === 'mac' ? MAC_SYMBOLS.shift : names.shift);
    spoken.push(names.shift);
  }
  const key = combo.key === 'Escape' ? names.esc : combo.key === '/' ? '/' : combo.key.toUpperCase();
  keys.push(key);
  spoken.push(combo.key === '/' ? names.slash : key);
  return { keys, spoken: spoken.join(' ') };
}

interface ElementLike {
  tagName: string;
  id?: string;
  isContentEditable?: boolean;
  closest(selector: string): unknown;
}

/** Where Esc has a job of its own: dialogs, menus, drawers, and any field but the composer. */
const ESCAPE_OWNERS = 'dialog, [role="dialog"], [role="menu"], aside, #header-menu';

/** True when Esc may stop the streaming reply: focus is on the page, the composer or the conversation. */
export function escapeMayStop(target: ElementLike | null, composerId = 'composer'): boolean {
  if (!target || target.tagName === 'BODY' || target.tagName === 'HTML') return true;
  if (target.id === composerId) return true;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return false;
  return !target.closest(ESCAPE_OWNERS);
}
