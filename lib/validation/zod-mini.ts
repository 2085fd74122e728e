import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini for the browser's schemas (settings, presets, conversations, share links): the same
 * validation as full zod in a fraction of the size, since only what a schema uses is bundled.
 * It has no messages until a locale is configured: English words every issue as full zod does
 * (import errors show them).
 */
z.config(en());

export { z };
