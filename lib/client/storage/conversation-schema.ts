import {
  CONVERSATION_VERSION,
  MAX_DOCUMENT_CHARS,
  MAX_DOCUMENT_NAME_CHARS,
  MAX_DOCUMENTS,
  MAX_ERROR_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_SYSTEM_CHARS,
  MAX_TITLE_CHARS,
  replyStates,
  REASONING_EFFORTS,
} from '@/lib/shared/model/profile';
import { presetParamsSchema } from '@/lib/shared/presets/schema';
import * as z from '@/lib/shared/validation/zod-mini';

const usageSchema = z.strictObject({
  inputTokens: z.optional(z.number()),
  outputTokens: z.optional(z.number()),
  totalTokens: z.optional(z.number()),
});

const timingSchema = z.strictObject({
  ttftMs: z.optional(z.number().check(z.nonnegative())),
  durationMs: z.optional(z.number().check(z.nonnegative())),
});

/** A reply picked from a comparison keeps its model and the reply it was preferred to. */
const comparedSchema = z.strictObject({
  model: z.string().check(z.maxLength(200)),
  blind: z.boolean(),
  alternatives: z
    .array(
      z.strictObject({
        model: z.string().check(z.maxLength(200)),
        text: z.string().check(z.maxLength(MAX_MESSAGE_CHARS * 4)),
        state: z.optional(z.enum(['done', 'stopped', 'interrupted', 'error'])),
        usage: z.optional(usageSchema),
      }),
    )
    .check(z.maxLength(3)),
  notPicked: z.optional(z.boolean()),
});

// Saved conversations (IndexedDB, the rescue copy, import files) are validated with these;
// the module loads when there is something to validate, not with the page.
const pageNumber = z.number().check(z.int(), z.gte(1));

/** A document attached to a user message (issue #19): kept with it in history and export files. */
export const storedDocumentSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(MAX_DOCUMENT_NAME_CHARS)),
  size: z.number().check(z.int(), z.nonnegative()),
  kind: z.enum(['text', 'pdf', 'docx']),
  text: z.string().check(z.maxLength(MAX_DOCUMENT_CHARS)),
  encoding: z.optional(z.string().check(z.maxLength(40))),
  pages: z.optional(z.strictObject({ from: pageNumber, to: pageNumber, total: pageNumber })),
});

export const storedMessageSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  role: z.enum(['user', 'assistant']),
  text: z.string().check(z.maxLength(MAX_MESSAGE_CHARS * 4)),
  /** A reasoning model's reasoning, kept with its reply (never sent back to the model). */
  reasoning: z.optional(z.string().check(z.maxLength(MAX_MESSAGE_CHARS * 8))),
  state: z.optional(z.enum(replyStates)),
  /** A failed reply's error (components/chat/ChatErrorNotice.tsx reads it), shown with it after a reload. */
  error: z.optional(z.string().check(z.maxLength(MAX_ERROR_CHARS))),
  usage: z.optional(usageSchema),
  /** How fast the reply came (issue #34): shown with it after a reload. */
  timing: z.optional(timingSchema),
  droppedTurns: z.optional(z.number().check(z.int(), z.gte(0))),
  /** User messages: their documents. Optional, so version 1 data without any reads as before. */
  documents: z.optional(z.array(storedDocumentSchema).check(z.maxLength(MAX_DOCUMENTS))),
  compared: z.optional(comparedSchema),
});

/**
 * Every version of a message that is not on the path shown (issue #34; lib/client/chat/versions.ts):
 * the message, the one it follows (null: a first message) and its place among the versions
 * there (0 = the first made). `chosen` marks, under a message that is not shown itself, the
 * version shown last. Optional, so a conversation saved before versions reads as one version
 * of everything.
 */
export const storedVersionSchema = z.extend(storedMessageSchema, {
  parentId: z.nullable(z.string().check(z.minLength(1), z.maxLength(100))),
  at: z.number().check(z.int(), z.gte(0)),
  chosen: z.optional(z.boolean()),
});

/** A conversation remembers its own model, parameters, system prompt and preset. */
export const conversationSettingsSchema = z.extend(presetParamsSchema, {
  model: z.string().check(z.maxLength(200)),
  systemPrompt: z.string().check(z.maxLength(MAX_SYSTEM_CHARS)),
  presetId: z.nullable(z.string().check(z.maxLength(64))),
  /** Reasoning controls (issue #36): GPT-OSS's effort, Qwen3's thinking switch; absent in older data. */
  reasoningEffort: z.optional(z.enum(REASONING_EFFORTS)),
  thinking: z.optional(z.boolean()),
});

/**
 * A comparison waiting for the user's pick (lib/compare): the prompt, and per column (in the
 * order shown) its settings, its reply so far and its timing. Kept so a reload loses nothing.
 */
export const storedCompareSchema = z.strictObject({
  blind: z.boolean(),
  prompt: storedMessageSchema,
  columns: z
    .array(
      z.strictObject({
        settings: conversationSettingsSchema,
        reply: z.optional(storedMessageSchema),
        timing: z.optional(timingSchema),
      }),
    )
    .check(z.minLength(2), z.maxLength(2)),
});

export const conversationSchema = z.strictObject({
  v: z.literal(CONVERSATION_VERSION),
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{6,64}$/)),
  title: z.string().check(z.maxLength(MAX_TITLE_CHARS)),
  /** True once the user renamed it: the title no longer follows the first message. */
  titleEdited: z._default(z.boolean(), false),
  /** True once the model titled it (issue #37): saves keep the title instead of the first line. */
  titleByModel: z.optional(z.boolean()),
  /** Kept at the top of the history (issue #37). Absent: not pinned. */
  pinned: z.optional(z.boolean()),
  createdAt: z.number().check(z.int(), z.nonnegative()),
  updatedAt: z.number().check(z.int(), z.nonnegative()),
  settings: conversationSettingsSchema,
  /** The path shown: what the model gets, Markdown and share links carry. */
  messages: z.array(storedMessageSchema).check(z.maxLength(2000)),
  versions: z.optional(z.array(storedVersionSchema).check(z.maxLength(5000))),
  compare: z.optional(storedCompareSchema),
});

export type StoredMessage = z.infer<typeof storedMessageSchema>;
export type StoredVersion = z.infer<typeof storedVersionSchema>;
export type StoredCompare = z.infer<typeof storedCompareSchema>;
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
