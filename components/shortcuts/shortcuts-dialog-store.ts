import { createStore } from '@/lib/client/chat/external-store';

interface ShortcutsDialogState {
  open: boolean;
  /** Opened at least once: the dialog stays rendered from then on. */
  mounted: boolean;
  /** Where focus goes back to when it closes. */
  returnTo: HTMLElement | null;
}

export const shortcutsDialogStore = createStore<ShortcutsDialogState>({ open: false, mounted: false, returnTo: null });

export function openShortcutsDialog(): void {
  const active = document.activeElement;
  shortcutsDialogStore.set({ open: true, mounted: true, returnTo: active instanceof HTMLElement ? active : null });
}

export function toggleShortcutsDialog(): void {
  if (shortcutsDialogStore.get().open) closeShortcutsDialog();
  else openShortcutsDialog();
}

export function closeShortcutsDialog(): void {
  const { returnTo, open } = shortcutsDialogStore.get();
  if (!open) return;
  shortcutsDialogStore.set({ open: false, mounted: true, returnTo: null });
  // The drawer or menu that held the opener may be closed since: then the composer takes focus.
  if (returnTo?.isConnected && returnTo.offsetParent !== null) returnTo.focus();
  else document.getElementById('composer')?.focus();
}
