import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { savedConversation } from '@/lib/client/storage/conversation.fixture';

// The page the drafts are kept for: its localStorage, and the events they are written on.
const local = new Map<string, string>();
vi.stubGlobal(
  'window',
  Object.assign(new EventTarget(), {
    localStorage: {
      getItem: (key: string) => local.get(key) ?? null,
      setItem: (k: string, v: string) => local.set(k, v),
    },
  }),
);
vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));

let history: typeof import('./history');
let session: typeof import('./chat-session');
beforeAll(async () => {
  const { openConversationStore } = await import('@/lib/client/storage/db');
  const db = await openConversationStore();
  for (const id of ['conv-a', 'conv-b', 'conv-c', 'conv-d']) await db.put(savedConversation(id));
  history = await import('./history');
  session = await import('./chat-session');
  (await import('./draft-session')).initDrafts();
});

const open = (id: string) => history.openConversation(id, ['m']);
const shownMessages = () => session.getSession().chat.messages.map((m) => m.id);

describe('opening a saved conversation', () => {
  it('keeps what is typed while it is read: in the composer, and as its draft', async () => {
    const opening = open('conv-a');
    session.draftStore.set('開く前に打った文');
    expect(await opening).toBe('opened');
    expect(shownMessages()).toEqual(['u1', 'a1']);
    expect(session.draftStore.get()).toBe('開く前に打った文');
    session.startNewChat();
    expect(session.draftStore.get()).toBe('');
    expect(await open('conv-a')).toBe('opened');
    expect(session.draftStore.get()).toBe('開く前に打った文');
  });

  it('does not replace a new chat started while it was read', async () => {
    const opening = open('conv-b');
    session.startNewChat();
    session.draftStore.set('新しいチャットで打った文');
    expect(await opening).toBe('superseded');
    expect(shownMessages()).toEqual([]);
    expect(session.draftStore.get()).toBe('新しいチャットで打った文');
  });

  it('opens the last one asked for when two are read at once', async () => {
    const [first, second] = await Promise.all([open('conv-c'), open('conv-d')]);
    expect([first, second]).toEqual(['superseded', 'opened']);
    expect(session.getSession().id).toBe('conv-d');
    expect(shownMessages()).toEqual(['u1', 'a1']);
  });
});
