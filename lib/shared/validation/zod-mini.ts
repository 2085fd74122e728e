// Before any schema is built: no `new Function` probe under the CSP.
import './zod-jitless';
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini for the browser's schemas (settings, presets, conversations, share links): the same
 * validation as full zod, and only what the schemas use is bundled. Import it as a namespace
 * (`import * as z from '@/lib/shared/validation/zod-mini'`). The names are listed one by one: a
 * namespace of 'zod/mini' itself would bring every part of zod (all locales, JSON Schema, …).
 * zod/mini has no messages until a locale is configured: English words every issue as full zod
 * does (import errors show them).
 */
config(en());

export {
  _default,
  array,
  boolean,
  enum,
  extend,
  gte,
  int,
  literal,
  lte,
  maxLength,
  minLength,
  nonnegative,
  nullable,
  number,
  object,
  optional,
  refine,
  regex,
  strictObject,
  string,
  trim,
  union,
  unknown,
} from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
