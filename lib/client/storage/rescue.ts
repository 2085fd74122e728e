import type { Conversation } from './conversation';
import type { ConversationStore } from './db';

/**
 * A reload or a closed tab in the middle of a reply can tear the page down before the
 * (asynchronous) IndexedDB write lands. localStorage writes are synchronous, so the page
 * leaves the latest state here on pagehide and the next page moves it into IndexedDB.
 */
export const RESCUE_KEY = 'swallow-chat:rescue:v1';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where the browser refuses it (some private modes throw on access). */
export function pageStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function writeRescue(storage: KeyValueStorage | null, conversation: Conversation): void {
  try {
    storage?.setItem(RESCUE_KEY, JSON.stringify(conversation));
  } catch {
    // Full or blocked: the IndexedDB write started at the same time is all we have.
  }
}

/** Reads and removes the rescued conversation; anything damaged is dropped. */
export async function takeRescue(storage: KeyValueStorage | null): Promise<Conversation | null> {
  let raw: string | null;
  try {
    raw = storage?.getItem(RESCUE_KEY) ?? null;
    if (!storage || raw === null) return null;
    storage.removeItem(RESCUE_KEY);
  } catch {
    return null;
  }
  const { conversationSchema } = await import('./conversation-schema');
  try {
    const parsed = conversationSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the rescued copy unless IndexedDB already holds the same or a newer one. */
export async function restoreRescue(db: ConversationStore, storage: KeyValueStorage | null): Promise<void> {
  const rescued = await takeRescue(storage);
  if (!rescued) return;
  const saved = await db.get(rescued.id);
  if (saved && saved.updatedAt >= rescued.updatedAt) return;
  await db.put(rescued);
}
