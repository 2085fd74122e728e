'use client';

import { useTranslations } from 'next-intl';
import { downloadTextFile } from '@/lib/client/browser/download';
import type { Conversation } from '@/lib/client/storage/conversation';
import { conversationToMarkdown, exportConversations } from '@/lib/client/storage/transfer';

/**
 * Exports one conversation as JSON or Markdown, labelled in the page's language (history menu,
 * temporary chat). Its own module: the temporary chat's switch is in the chat's first module graph,
 * and importing this from HistorySidebar brought the whole history list's code into it (issue #35).
 */
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
