import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';

vi.stubGlobal(
  'window',
  Object.assign(new EventTarget(), {
    localStorage: { getItem: () => null, setItem: () => {} },
  }),
);
vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));

it('a first visit’s history, read empty, is the list the server rendered: the same object, so the sidebar does not render again', async () => {
  const { historyStore, initHistory, NO_CONVERSATIONS, openEntryStore } = await import('./history');
  const before = historyStore.get().conversations;
  expect(before).toBe(NO_CONVERSATIONS);
  initHistory();
  await vi.waitFor(() => expect(historyStore.get().persistent).toBe(true));
  expect(historyStore.get().conversations).toBe(before);
  // A new chat is not saved yet: no entry, as on the server (the print header shows nothing).
  expect(openEntryStore.get()).toBeNull();
  expect(openEntryStore.getServer()).toBeNull();
});
