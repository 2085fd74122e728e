import { MAX_MESSAGE_CHARS, MAX_SYSTEM_CHARS } from '@/lib/ai/limits';
import { presetParamsSchema } from '@/lib/presets/schema';
import * as z from '@/lib/validation/zod-mini';

export const CONVERSATION_VERSION = 1;
export const MAX_TITLE_CHARS = 80;

/** How a saved reply ended. "interrupted": the page closed or the network dropped mid-reply. */
export const replyStates = ['done', 'stopped', 'interrupted', 'error', 'streaming'] as const;
export type ReplyState = (typeof replyStates)[number];

export const storedMessageSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  role: z.enum(['user', 'assistant']),
  text: z.string().check(z.maxLength(MAX_MESSAGE_CHARS * 4)),
  state: z.optional(z.enum(replyStates)),
  usage: z.optional(z.strictObject({ inputTokens: z.optional(z.number()), outputTokens: z.optional(z.number()), totalTokens: z.optional(z.number()) })),
  droppedTurns: z.optional(z.number().check(z.int(), z.gte(0))),
});

/** A conversation remembers its own model, parameters, system prompt and preset. */
export const conversationSettingsSchema = z.extend(presetParamsSchema, {
  model: z.string().check(z.maxLength(200)),
  systemPrompt: z.string().check(z.maxLength(MAX_SYSTEM_CHARS)),
  presetId: z.nullable(z.string().check(z.maxLength(64))),
});

export const conversationSchema = z.strictObject({
  v: z.literal(CONVERSATION_VERSION),
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{6,64}$/)),
  title: z.string().check(z.maxLength(MAX_TITLE_CHARS)),
  /** True once the user renamed it: the title no longer follows the first message. */
  titleEdited: z._default(z.boolean(), false),
  createdAt: z.number().check(z.int(), z.nonnegative()),
  updatedAt: z.number().check(z.int(), z.nonnegative()),
  settings: conversationSettingsSchema,
  messages: z.array(storedMessageSchema).check(z.maxLength(2000)),
});

export type StoredMessage = z.infer<typeof storedMessageSchema>;
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;
export type Conversation = z.infer<typeof conversationSchema>;

export function newConversationId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** Title from the first user message, on one line. */
export function titleFrom(messages: readonly StoredMessage[]): string {
  const first = messages.find((m) => m.role === 'user')?.text ?? '';
  const line = first.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE_CHARS ? `${line.slice(0, MAX_TITLE_CHARS - 1)}…` : line;
}

/** After a reload nothing is streaming any more: a reply saved mid-stream was interrupted. */
export function markInterrupted(conversation: Conversation): Conversation {
  if (!conversation.messages.some((m) => m.state === 'streaming')) return conversation;
  return { ...conversation, messages: conversation.messages.map((m) => (m.state === 'streaming' ? { ...m, state: 'interrupted' } : m)) };
}
