import type { Store } from './external-store';

/**
 * Drafts per conversation: what was typed in the composer and not sent, kept when another
 * conversation is opened and across reloads (localStorage, written at most every DRAFT_WRITE_MS
 * while typing and at once when the page is hidden). A chat with no messages yet has no URL of
 * its own, so all such chats share one draft, NEW_CHAT_DRAFT.
 */
export const DRAFTS_KEY = 'swallow-chat:drafts:v1';
export const NEW_CHAT_DRAFT = 'new';
export const DRAFT_WRITE_MS = 300;
/** The oldest drafts beyond this many are dropped. */
export const MAX_DRAFTS = 50;
/** Longer drafts are kept in memory but not stored (localStorage has a few MB per site). */
export const MAX_STORED_DRAFT_CHARS = 100_000;

export type Drafts = Record<string, { text: string; at: number }>;
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readDrafts(storage: KeyValueStorage | null): Drafts {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(DRAFTS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const drafts: Drafts = {};
    for (const [key, value] of Object.entries(parsed)) {
      const { text, at } = (value ?? {}) as { text?: unknown; at?: unknown };
      if (typeof text === 'string' && text && typeof at === 'number') drafts[key] = { text, at };
    }
    return drafts;
  } catch {
    return {};
  }
}

/** The drafts with `key` set to `text` (removed when empty), the newest MAX_DRAFTS kept. */
export function withDraft(drafts: Drafts, key: string, text: string, now: number): Drafts {
  const rest = Object.entries(drafts).filter(([k]) => k !== key);
  if (text && text.length <= MAX_STORED_DRAFT_CHARS) rest.push([key, { text, at: now }]);
  rest.sort((a, b) => b[1].at - a[1].at);
  return Object.fromEntries(rest.slice(0, MAX_DRAFTS));
}

function writeDrafts(storage: KeyValueStorage | null, drafts: Drafts): void {
  try {
    storage?.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  } catch {
    // Full or blocked: drafts still follow conversations in this page.
  }
}

export interface DraftKeeper {
  /** Shows the draft of `key` (the open conversation changed); the pending one is written first. Null: none kept. */
  show(key: string | null): void;
  /** Writes the pending change now (the page is being hidden). */
  flush(): void;
  forget(key: string): void;
  stop(): void;
}

interface KeeperOptions {
  store: Store<string>;
  storage: KeyValueStorage | null;
  /** The key of the conversation being typed in, read when the text changes; null: not kept (a temporary chat). */
  currentKey: () => string | null;
  delayMs?: number;
  now?: () => number;
}

/** Follows the composer's text (`store`) and keeps it under the open conversation's key. */
export function createDraftKeeper(options: KeeperOptions): DraftKeeper {
  const { store, storage, currentKey, delayMs = DRAFT_WRITE_MS, now = Date.now } = options;
  let pending: { key: string; text: string } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let showing = false;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    writeDrafts(storage, withDraft(readDrafts(storage), pending.key, pending.text, now()));
    pending = null;
  }

  function typed() {
    if (showing) return;
    const key = currentKey();
    if (pending && pending.key !== key) flush();
    if (key === null) return;
    pending = { key, text: store.get() };
    timer ??= setTimeout(flush, delayMs);
  }
  const unsubscribe = store.subscribe(typed);
  // Text typed before keeping started (the page's code still loading) is kept as if typed now,
  // under the conversation open now: showing another draft first would write it nowhere.
  if (store.get()) typed();

  return {
    show(key) {
      flush();
      showing = true;
      try {
        store.set(key === null ? '' : (readDrafts(storage)[key]?.text ?? ''));
      } finally {
        showing = false;
      }
    },
    flush,
    forget(key) {
      if (pending?.key === key) pending = null;
      writeDrafts(storage, withDraft(readDrafts(storage), key, '', now()));
    },
    stop() {
      flush();
      unsubscribe();
    },
  };
}
