'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { closeShortcutsDialog, shortcutsDialogStore } from './shortcuts-dialog-store';

// Loaded on first open: the list is not part of the first load.
const ShortcutsDialog = dynamic(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog), { ssr: false });

/** Renders the shortcuts dialog into <body> once it has been opened (and keeps it). */
export function ShortcutsHost() {
  const { open, mounted } = useSyncExternalStore(
    shortcutsDialogStore.subscribe,
    shortcutsDialogStore.get,
    shortcutsDialogStore.get,
  );
  if (!mounted) return null;
  return createPortal(<ShortcutsDialog open={open} onClose={closeShortcutsDialog} />, document.body);
}
