import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './external-store';
import { DRAFTS_KEY, MAX_DRAFTS, createDraftKeeper, readDrafts, withDraft } from './drafts';

class MemoryStorage {
  data = new Map<string, string>();
  writes = 0;
  getItem = (key: string) => this.data.get(key) ?? null;
  setItem = (key: string, value: string) => {
    this.writes += 1;
    this.data.set(key, value);
  };
}

describe('readDrafts / withDraft', () => {
  it('drops damaged entries and bad JSON', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      DRAFTS_KEY,
      JSON.stringify({ a: { text: 'ok', at: 1 }, b: { text: 3 }, c: null, d: { text: '', at: 1 } }),
    );
    expect(readDrafts(storage)).toEqual({ a: { text: 'ok', at: 1 } });
    storage.setItem(DRAFTS_KEY, '{not json');
    expect(readDrafts(storage)).toEqual({});
    storage.setItem(DRAFTS_KEY, '[1]');
    expect(readDrafts(storage)).toEqual({});
    expect(readDrafts(null)).toEqual({});
  });

  it('removes empty drafts and keeps the newest MAX_DRAFTS', () => {
    let drafts = {};
    for (let i = 0; i < MAX_DRAFTS + 5; i += 1) drafts = withDraft(drafts, `c${i}`, `text ${i}`, i);
    expect(Object.keys(drafts)).toHaveLength(MAX_DRAFTS);
    expect(drafts).not.toHaveProperty('c0');
    expect(drafts).toHaveProperty(`c${MAX_DRAFTS + 4}`);
    expect(withDraft(drafts, 'c10', '', 100)).not.toHaveProperty('c10');
  });
});

describe('createDraftKeeper', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes while typing at most once per delay, under the conversation typed in', () => {
    const storage = new MemoryStorage();
    const store = createStore('');
    let key = 'a';
    const keeper = createDraftKeeper({ store, storage, currentKey: () => key, delayMs: 300 });
    for (const text of ['こ', 'こん', 'こんに', 'こんにちは']) store.set(text);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(300);
    expect(storage.writes).toBe(1);
    expect(readDrafts(storage).a.text).toBe('こんにちは');

    // Another conversation opens: its draft (none) shows; the first one's is there to come back to.
    store.set('こんにちは、世界');
    key = 'b';
    keeper.show('b');
    expect(store.get()).toBe('');
    expect(readDrafts(storage).a.text).toBe('こんにちは、世界');
    store.set('B の下書き');
    key = 'a';
    keeper.show('a');
    expect(store.get()).toBe('こんにちは、世界');
    key = 'b';
    keeper.show('b');
    expect(store.get()).toBe('B の下書き');

    // Sent (emptied): the draft is gone; forgotten (conversation deleted): gone too.
    store.set('');
    keeper.flush();
    expect(readDrafts(storage)).not.toHaveProperty('b');
    keeper.forget('a');
    expect(readDrafts(storage)).toEqual({});
    keeper.stop();
    store.set('after stop');
    vi.advanceTimersByTime(1000);
    expect(readDrafts(storage)).toEqual({});
  });

  it('keeps text typed before it started under the conversation open then', () => {
    const storage = new MemoryStorage();
    const store = createStore('開く前に打った文');
    const keeper = createDraftKeeper({ store, storage, currentKey: () => 'opening', delayMs: 300 });
    // The conversation finishes opening: its draft is what was typed, not an empty composer.
    keeper.show('opening');
    expect(store.get()).toBe('開く前に打った文');
    expect(readDrafts(storage).opening.text).toBe('開く前に打った文');
  });

  it('keeps nothing of a temporary chat (key null), and still the drafts of others', () => {
    const storage = new MemoryStorage();
    const store = createStore('');
    let key: string | null = 'a';
    const keeper = createDraftKeeper({ store, storage, currentKey: () => key, delayMs: 300 });
    store.set('残す下書き');
    key = null;
    keeper.show(null);
    expect(store.get()).toBe('');
    store.set('社外秘の下書き');
    vi.advanceTimersByTime(1000);
    keeper.flush();
    expect(JSON.stringify(readDrafts(storage))).not.toContain('社外秘');
    expect(readDrafts(storage).a.text).toBe('残す下書き');
  });

  it('keeps working in memory when storage throws', () => {
    const store = createStore('');
    const storage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    const keeper = createDraftKeeper({ store, storage, currentKey: () => 'a' });
    store.set('x');
    expect(() => keeper.flush()).not.toThrow();
    expect(() => keeper.show('b')).not.toThrow();
    expect(store.get()).toBe('');
  });
});
