interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
}

/**
 * True when Enter should send. Enter that confirms an IME conversion never sends:
 * Chrome/Firefox report isComposing, Safari fires compositionend first and then a
 * keydown with keyCode 229.
 *
 * On a touch keyboard (`touch`) there is no Shift to hold for a new line, so Enter makes a new
 * line and the send button sends, as in ChatGPT, Claude and Gemini on phones; Ctrl/⌘+Enter still
 * sends (a hardware keyboard on a tablet). On a desktop Enter sends and Shift+Enter is a new line.
 */
export function isSubmitEnter(e: EnterKeyEvent, touch = false): boolean {
  if (e.key !== 'Enter' || e.shiftKey) return false;
  if (e.nativeEvent.isComposing || e.keyCode === 229) return false;
  if (touch) return Boolean(e.ctrlKey || e.metaKey);
  return true;
}

/** The primary pointer is a finger and there is no mouse or trackpad at all: a phone or a bare tablet. */
export const TOUCH_QUERIES = { coarse: '(pointer: coarse)', fine: '(any-pointer: fine)' } as const;

interface MediaMatcher {
  matchMedia?: (query: string) => { matches: boolean };
}

/** True on a device whose keyboard is the on-screen one (see TOUCH_QUERIES). */
export function isTouchKeyboard(win: MediaMatcher | undefined = globalThis as MediaMatcher): boolean {
  if (!win?.matchMedia) return false;
  return win.matchMedia(TOUCH_QUERIES.coarse).matches && !win.matchMedia(TOUCH_QUERIES.fine).matches;
}
