import { matchesSearch } from '@/lib/client/search/normalize';
import type { Conversation } from '@/lib/client/storage/conversation';

/**
 * Whether a saved conversation's title or any of its messages, in any version, contains `query`, as search
 * normalises both (lib/client/search/normalize.ts). The history sidebar loads this with the first query.
 */
export const conversationMatches = (query: string, conversation: Conversation): boolean =>
  matchesSearch(query, [
    conversation.title,
    ...conversation.messages.map((message) => message.text),
    ...(conversation.versions ?? []).map((version) => version.text),
  ]);
