import { pageStorage } from '@/lib/client/storage/rescue';
import { draftStore, getSession, subscribeSession } from './chat-session';
import { createDraftKeeper, NEW_CHAT_DRAFT, type DraftKeeper } from './drafts';

/** A saved conversation being opened (read from IndexedDB), from the session it was asked for in. */
let opening: { id: string; from: ReturnType<typeof getSession> } | null = null;

/**
 * The open conversation's draft key: its id once it has messages (and so a URL); none for a
 * temporary chat. While a saved conversation opens, its id: what is typed meanwhile (a reload of
 * its page, then typing at once) is its draft, and stays in the composer when it opens.
 */
function draftKey(): string | null {
  const session = getSession();
  if (opening && opening.from === session) return opening.id;
  if (session.temporary) return null;
  return session.chat.messages.length > 0 ? session.id : NEW_CHAT_DRAFT;
}

let keeper: DraftKeeper | null = null;

/**
 * Says that the saved conversation `id` is being opened from the session open now (null: no
 * longer): the composer shows its draft at once and keeps what is typed until it opens, instead
 * of that text going to the new chat's draft and the composer emptying when the messages arrive.
 */
export function draftFollowsOpening(id: string | null): void {
  opening = id === null ? null : { id, from: getSession() };
  keeper?.show(draftKey());
}

/** Starts keeping drafts per conversation, once per page (lib/client/chat/drafts.ts). */
export function initDrafts(): void {
  if (keeper || typeof window === 'undefined') return;
  const active = createDraftKeeper({ store: draftStore, storage: pageStorage(), currentKey: draftKey });
  keeper = active;
  // Text already in the composer (a share link's draft, typed before this ran) stays.
  if (!draftStore.get()) active.show(draftKey());
  subscribeSession(() => active.show(draftKey()));
  window.addEventListener('pagehide', active.flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') active.flush();
  });
}

/** A deleted conversation's draft goes with it. */
export function forgetDraft(id: string): void {
  keeper?.forget(id);
}
