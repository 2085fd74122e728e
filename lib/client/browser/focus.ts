/** The attribute a container of hidden controls (the header's overflow menu) names its stand-in with. */
export const FOCUS_FALLBACK_ATTRIBUTE = 'data-focus-fallback';

interface FocusTarget {
  focus: () => void;
  closest: (selector: string) => { getAttribute: (name: string) => string | null } | null;
}

interface FocusDocument {
  activeElement: unknown;
  getElementById: (id: string) => { focus: () => void } | null;
}

/**
 * Gives focus back to the control that opened a dialog or drawer. When that control is not
 * shown any more (it sits in the phone's overflow menu, closed since), focus cannot land on it:
 * it goes to the control its container names instead (the menu's button), never to the page.
 */
export function returnFocus(control: FocusTarget | null, doc: FocusDocument = document): void {
  if (!control) return;
  control.focus();
  if (doc.activeElement === control) return;
  const fallback = control.closest(`[${FOCUS_FALLBACK_ATTRIBUTE}]`)?.getAttribute(FOCUS_FALLBACK_ATTRIBUTE);
  if (fallback) doc.getElementById(fallback)?.focus();
}
