import type * as z from '@/lib/validation/zod-mini';

/** Why an import file was refused; the dialogs word each code in the user's language. */
export type ImportFileError =
  | { code: 'too_large'; bytes: number; max: number }
  | { code: 'not_json' }
  | { code: 'wrong_shape'; path: string; message: string }
  | { code: 'empty' }
  | { code: 'too_many'; count: number; max: number };

export interface ImportFileRules<T, Item> {
  maxBytes: number;
  /** The most items kept in all: what is there already plus the file's. */
  maxItems: number;
  existingCount: number;
  /** The schema for the parsed JSON (a file may come in more than one shape). */
  schemaFor: (data: unknown) => z.ZodMiniType<T>;
  items: (file: T) => Item[];
}

/**
 * Validates a whole import file before anything is imported: its size, its JSON, its shape (the
 * first problem, with where it is), then a list that is neither empty nor past `maxItems`.
 * All of it is good, or none of it is taken.
 */
export function parseImportFile<T, Item>(
  text: string,
  rules: ImportFileRules<T, Item>,
): { ok: true; items: Item[] } | { ok: false; error: ImportFileError } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > rules.maxBytes) return { ok: false, error: { code: 'too_large', bytes, max: rules.maxBytes } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not_json' } };
  }
  const parsed = rules.schemaFor(data).safeParse(data);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return {
      ok: false,
      error: { code: 'wrong_shape', path: issue.path.join('.') || '(root)', message: issue.message },
    };
  }
  const items = rules.items(parsed.data);
  if (items.length === 0) return { ok: false, error: { code: 'empty' } };
  const count = rules.existingCount + items.length;
  if (count > rules.maxItems) return { ok: false, error: { code: 'too_many', count, max: rules.maxItems } };
  return { ok: true, items };
}
