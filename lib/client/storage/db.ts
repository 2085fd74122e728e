import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { markInterrupted, type Conversation } from './conversation';

const DB_NAME = 'swallow-chat';
const DB_VERSION = 1;

interface ChatDB extends DBSchema {
  conversations: { key: string; value: Conversation; indexes: { updatedAt: number } };
}

export interface ConversationStore {
  /** False when IndexedDB is unavailable (private mode, blocked, quota): data lives in memory. */
  readonly persistent: boolean;
  list(): Promise<Conversation[]>;
  get(id: string): Promise<Conversation | undefined>;
  put(conversation: Conversation): Promise<void>;
  putMany(conversations: Conversation[]): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * Newest first; a damaged record is skipped rather than breaking the list. The schema loads
 * with the first record to check: an empty history never loads it.
 */
async function clean(records: unknown[]): Promise<Conversation[]> {
  if (records.every((record) => record === undefined)) return [];
  const { conversationSchema } = await import('./conversation-schema');
  return records
    .flatMap((record) => {
      const parsed = conversationSchema.safeParse(record);
      return parsed.success ? [markInterrupted(parsed.data)] : [];
    })
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

class IndexedDbStore implements ConversationStore {
  readonly persistent = true;
  constructor(private readonly db: IDBPDatabase<ChatDB>) {}
  async list() {
    return clean(await this.db.getAll('conversations'));
  }
  async get(id: string) {
    const [conversation] = await clean([await this.db.get('conversations', id)]);
    return conversation;
  }
  async put(conversation: Conversation) {
    await this.db.put('conversations', conversation);
  }
  async putMany(conversations: Conversation[]) {
    // One transaction: all of an import is stored, or none of it.
    const tx = this.db.transaction('conversations', 'readwrite');
    await Promise.all([...conversations.map((c) => tx.store.put(c)), tx.done]);
  }
  async remove(id: string) {
    await this.db.delete('conversations', id);
  }
}

export class MemoryStore implements ConversationStore {
  readonly persistent = false;
  private readonly data = new Map<string, Conversation>();
  async list() {
    return clean([...this.data.values()]);
  }
  async get(id: string) {
    return this.data.get(id);
  }
  async put(conversation: Conversation) {
    this.data.set(conversation.id, conversation);
  }
  async putMany(conversations: Conversation[]) {
    conversations.forEach((c) => this.data.set(c.id, c));
  }
  async remove(id: string) {
    this.data.delete(id);
  }
}

/** Opens IndexedDB, or falls back to memory when the browser refuses it. */
export async function openConversationStore(): Promise<ConversationStore> {
  try {
    if (typeof indexedDB === 'undefined') return new MemoryStore();
    const db = await openDB<ChatDB>(DB_NAME, DB_VERSION, {
      upgrade(database) {
        const store = database.createObjectStore('conversations', { keyPath: 'id' });
        store.createIndex('updatedAt', 'updatedAt');
      },
    });
    return new IndexedDbStore(db);
  } catch {
    return new MemoryStore();
  }
}
