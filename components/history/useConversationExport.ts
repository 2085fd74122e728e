'use client';

import { useTranslations } from 'next-intl';
import { downloadTextFile } from '@/lib/client/browser/download';
import type { Conversation } from '@/lib/client/storage/conversation';
import { conversationToMarkdown, exportConversations } from '@/lib/client/storage/transfer';

/*
 * Its own module: the temporary chat's switch (in the chat's first module graph) uses it, and
 * importing it from HistorySidebar brought the whole history list's code into the chat's first
 * instantiation, which the page gives as a part of its own (issue #35 item 5).
 */

/** Exports one conversation as JSON or Markdown, labelled in the page's language (history menu, temporary chat). */
export function useConversationExport(): (conversation: Conversation, format: 'markdown' | 'json') => void {
  const tChat = useTranslations('chat');
  const tSettings = useTranslations('settings');
  const tCompare = useTranslations('compare');
  return (conversation, format) => {
    const base = `swallow-chat-${conversation.id}`;
    if (format === 'json') return downloadTextFile(`${base}.json`, exportConversations([conversation]));
    const labels = {
      user: tChat('you'),
      assistant: tChat('assistant'),
      systemPrompt: tSettings('systemPrompt'),
      model: tSettings('model'),
      alternative: tCompare('alternativeHeading'),
    };
    downloadTextFile(`${base}.md`, conversationToMarkdown(conversation, labels), 'text/markdown');
  };
}
