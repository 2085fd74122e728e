import { describe, expect, it } from 'vitest';
import type { Conversation } from './conversation';
import { savedConversation } from './conversation.fixture';
import { MemoryStore } from './db';
import { RESCUE_KEY, restoreRescue, takeRescue, writeRescue } from './rescue';

class MapStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const conversation = (updatedAt: number, reply: string): Conversation => {
  const base = savedConversation('rescue01', updatedAt);
  return {
    ...base,
    title: '途中の返事',
    settings: { ...base.settings, presetId: null },
    messages: [
      { id: 'u1', role: 'user', text: '長い話をして' },
      { id: 'a1', role: 'assistant', text: reply, state: 'streaming' },
    ],
  };
};

describe('rescue copy of a reply cut off by a reload', () => {
  it('round-trips once, then is gone', async () => {
    const storage = new MapStorage();
    writeRescue(storage, conversation(5, '一、二、三'));
    expect((await takeRescue(storage))?.messages[1].text).toBe('一、二、三');
    expect(await takeRescue(storage)).toBeNull();
  });

  it('drops a damaged copy instead of failing', async () => {
    const storage = new MapStorage();
    storage.setItem(RESCUE_KEY, '{"v":1,"id":"no"');
    expect(await takeRescue(storage)).toBeNull();
    storage.setItem(RESCUE_KEY, JSON.stringify({ ...conversation(5, 'x'), id: '../../etc' }));
    expect(await takeRescue(storage)).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('survives a storage that refuses writes', () => {
    const storage = new MapStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(() => writeRescue(storage, conversation(5, 'x'))).not.toThrow();
  });

  it('replaces an older saved copy and keeps a newer one', async () => {
    const db = new MemoryStore();
    const storage = new MapStorage();
    await db.put(conversation(5, '一'));
    writeRescue(storage, conversation(9, '一、二、三'));
    await restoreRescue(db, storage);
    expect((await db.get('rescue01'))?.messages[1].text).toBe('一、二、三');

    writeRescue(storage, conversation(7, '古い'));
    await restoreRescue(db, storage);
    expect((await db.get('rescue01'))?.messages[1].text).toBe('一、二、三');
  });
});

describe('without localStorage', () => {
  it('does nothing and fails nothing', async () => {
    expect(() => writeRescue(null, conversation(1, 'x'))).not.toThrow();
    expect(await takeRescue(null)).toBeNull();
    await expect(restoreRescue(new MemoryStore(), null)).resolves.toBeUndefined();
  });
});
