import type * as z from '@/lib/shared/validation/zod-mini';

/** Why an import file was refused; the dialogs word each code in the user's language. */
export type ImportFileError =
  | { code: 'too_large'; bytes: number; max: number }
  | { code: 'not_json' }
  /**
   * Not the file expected. `problem` says how, in words a person can act on (the dialogs never
   * show the validator's own text): another kind of file, one from a newer version of the app, or
   * the file's item number `item` (from 1) is damaged. `path` and `message` are for developers.
   */
  | { code: 'wrong_shape'; problem: ShapeProblem; item?: number; path: string; message: string }
  | { code: 'empty' }
  | { code: 'too_many'; count: number; max: number };

export type ShapeProblem = 'wrong_file' | 'newer_version' | 'bad_item';

/**
 * How a file that failed validation is wrong, from where the first problem is: inside an item of
 * the list (`listKey`, or a bare list) is a damaged item; a version number past 1 is a newer
 * app's file; anything else (the format tag, the envelope) is another kind of file.
 */
export function shapeProblem(
  path: readonly PropertyKey[],
  data: unknown,
  listKey: string,
): { problem: ShapeProblem; item?: number } {
  const [first, second] = path;
  if (typeof first === 'number') return { problem: 'bad_item', item: first + 1 };
  if (first === listKey && typeof second === 'number') return { problem: 'bad_item', item: second + 1 };
  const version = (data as { version?: unknown } | null)?.version;
  if (first === 'version' && typeof version === 'number' && version > 1) return { problem: 'newer_version' };
  return { problem: 'wrong_file' };
}

export interface ImportFileRules<T, Item> {
  /** The envelope's list of items ("conversations", "presets"). */
  listKey: string;
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
      error: {
        code: 'wrong_shape',
        ...shapeProblem(issue.path, data, rules.listKey),
        path: issue.path.join('.') || '(root)',
        message: issue.message,
      },
    };
  }
  const items = rules.items(parsed.data);
  if (items.length === 0) return { ok: false, error: { code: 'empty' } };
  const count = rules.existingCount + items.length;
  if (count > rules.maxItems) return { ok: false, error: { code: 'too_many', count, max: rules.maxItems } };
  return { ok: true, items };
}
