/**
 * Size limits and formats both sides agree on, and the zod schemas check (no zod here, so the
 * page's first load can use them). A chat request's first.
 */
export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_CHARS = 32_000;
export const MAX_SYSTEM_CHARS = 8_000;
/** Attached documents (issue #19): per user message, and the text of each as sent. */
export const MAX_DOCUMENTS = 10;
export const MAX_DOCUMENT_NAME_CHARS = 255;
/**
 * ~300 K characters: far over any window we budget (8 K tokens is ~30 K characters of Japanese),
 * and under the 1 MiB body limit for one such document in Japanese (3 bytes a character).
 */
export const MAX_DOCUMENT_CHARS = 300_000;

/** Presets (lib/shared/presets): the name, description and starters a preset may have, and its id. */
export const MAX_PRESET_NAME = 80;
export const MAX_PRESET_DESCRIPTION = 300;
export const MAX_STARTERS = 4;
export const MAX_STARTER_CHARS = 500;
export const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Saved conversations (lib/client/storage): the format's version and what a saved one may hold. */
export const CONVERSATION_VERSION = 1;
export const MAX_TITLE_CHARS = 80;
/** A failed reply's error text is kept up to this length. */
export const MAX_ERROR_CHARS = 4000;
/** How a saved reply ended. "interrupted": the page closed or the network dropped mid-reply. */
export const replyStates = ['done', 'stopped', 'interrupted', 'error', 'streaming'] as const;
export type ReplyState = (typeof replyStates)[number];
