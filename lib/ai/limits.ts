/** Size limits of a chat request, shared by the server's schema and the browser's (no zod here). */
export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_CHARS = 32_000;
export const MAX_SYSTEM_CHARS = 8_000;
