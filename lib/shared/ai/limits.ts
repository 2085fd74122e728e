/** Size limits of a chat request, shared by the server's schema and the browser's (no zod here). */
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
