'use client';

import { useEffect, useRef } from 'react';
import { detectPlatform, escapeMayStop, matchShortcut, type ShortcutId } from '@/lib/client/keyboard/shortcuts';

/** A shortcut's action; `false` when it had nothing to do (the key then keeps its usual meaning). */
export type ShortcutHandlers = Record<ShortcutId, () => boolean | void>;

export const SHORTCUTS_DIALOG_ID = 'shortcuts-dialog';

/**
 * Listens for the app's shortcuts on the window. A key a field, menu or dialog has already handled
 * (defaultPrevented, or stopped on its way up) never gets here; while a modal dialog is open only
 * the shortcuts dialog's own key (closing it) works; Esc stops a reply only where it has no other job.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const platform = detectPlatform(navigator as Navigator & { userAgentData?: { platform?: string } });
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented) return;
      const id = matchShortcut(e, platform);
      if (!id) return;
      const modal = document.querySelector('dialog[open]');
      if (modal && !(id === 'showShortcuts' && modal.id === SHORTCUTS_DIALOG_ID)) return;
      if (id === 'stop' && !escapeMayStop(e.target instanceof Element ? e.target : null)) return;
      if (ref.current[id]() === false) return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
