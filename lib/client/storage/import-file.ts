import * as z from '@/lib/shared/validation/zod-mini';
import type { Conversation } from './conversation';
import { parseImportFile } from '@/lib/client/validation/import-file';
import { conversationSchema } from './conversation-schema';
import {
  CONVERSATIONS_FORMAT,
  MAX_CONVERSATION_IMPORT_BYTES,
  MAX_CONVERSATIONS,
  type ConversationImportError,
} from './transfer';

const fileSchema = z.strictObject({
  format: z.literal(CONVERSATIONS_FORMAT),
  version: z.literal(1),
  exportedAt: z.optional(z.string()),
  conversations: z.array(conversationSchema),
});

/** Validates a whole file first: every conversation is good, or nothing is imported. */
export function parseConversationFile(
  text: string,
  existingCount: number,
): { ok: true; conversations: Conversation[] } | { ok: false; error: ConversationImportError } {
  const parsed = parseImportFile(text, {
    listKey: 'conversations',
    maxBytes: MAX_CONVERSATION_IMPORT_BYTES,
    maxItems: MAX_CONVERSATIONS,
    existingCount,
    schemaFor: () => fileSchema,
    items: (file) => file.conversations,
  });
  return parsed.ok ? { ok: true, conversations: parsed.items } : parsed;
}
