'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useShortcuts } from '@/components/shortcuts/useShortcuts';
import { toggleShortcutsDialog } from '@/components/shortcuts/shortcuts-dialog-store';
import { messageText } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';

/** The width from which the history is a column beside the chat (Tailwind's `lg`). */
const HISTORY_COLUMN_QUERY = '(min-width: 64rem)';

interface ChatShortcutOptions {
  messages: readonly ChatMessage[];
  busy: boolean;
  historyOpen: boolean;
  onNewChat: () => void;
  onStop: () => void;
  setHistoryOpen: (update: (open: boolean) => boolean) => void;
  setHistoryCollapsed: (update: (collapsed: boolean) => boolean) => void;
}

function focusComposer() {
  document.getElementById('composer')?.focus();
}

/**
 * The chat's keyboard shortcuts (lib/client/keyboard/shortcuts.ts). Returns the notice to show after a
 * shortcut that has no visible effect of its own (copying the last reply), read out as a status.
 */
export function useChatShortcuts(options: ChatShortcutOptions): string {
  const { messages, busy, historyOpen, onNewChat, onStop, setHistoryOpen, setHistoryCollapsed } = options;
  const t = useTranslations('shortcuts');
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  function toggleHistory() {
    // A column from `lg` up (hidden or shown), a drawer below.
    if (window.matchMedia(HISTORY_COLUMN_QUERY).matches) {
      setHistoryCollapsed((collapsed) => !collapsed);
      return;
    }
    // Closing the drawer focus is in: focus goes to the composer, not to the page.
    if (historyOpen && document.getElementById('history-panel')?.contains(document.activeElement)) focusComposer();
    setHistoryOpen((open) => !open);
  }

  async function copyLastReply() {
    const reply = messages.findLast((m) => m.role === 'assistant');
    const text = reply ? messageText(reply) : '';
    if (!text) return setNotice(t('nothingToCopy'));
    try {
      await navigator.clipboard.writeText(text);
      setNotice(t('copied'));
    } catch {
      setNotice(t('copyFailed'));
    }
  }

  useShortcuts({
    newChat: () => {
      onNewChat();
      focusComposer();
    },
    focusComposer: () => {
      setHistoryOpen(() => false);
      focusComposer();
    },
    stop: () => {
      if (!busy) return false;
      onStop();
    },
    toggleHistory,
    copyLastReply: () => void copyLastReply(),
    showShortcuts: toggleShortcutsDialog,
  });

  return notice;
}
