interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
}

/**
 * True when Enter should send. Enter that confirms an IME conversion never sends:
 * Chrome/Firefox report isComposing, Safari fires compositionend first and then a
 * keydown with keyCode 229.
 */
export function isSubmitEnter(e: EnterKeyEvent): boolean {
  if (e.key !== 'Enter' || e.shiftKey) return false;
  return !(e.nativeEvent.isComposing || e.keyCode === 229);
}
