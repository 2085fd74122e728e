import * as z from '@/lib/validation/zod-mini';
import type { Conversation } from './conversation';
import { conversationSchema } from './conversation-schema';
import { CONVERSATIONS_FORMAT, MAX_CONVERSATION_IMPORT_BYTES, MAX_CONVERSATIONS, type ConversationImportError } from './transfer';

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
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_CONVERSATION_IMPORT_BYTES) return { ok: false, error: { code: 'too_large', bytes, max: MAX_CONVERSATION_IMPORT_BYTES } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not_json' } };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, error: { code: 'wrong_shape', path: issue.path.join('.') || '(root)', message: issue.message } };
  }
  const { conversations } = parsed.data;
  if (conversations.length === 0) return { ok: false, error: { code: 'empty' } };
  if (existingCount + conversations.length > MAX_CONVERSATIONS) {
    return { ok: false, error: { code: 'too_many', count: existingCount + conversations.length, max: MAX_CONVERSATIONS } };
  }
  return { ok: true, conversations };
}

