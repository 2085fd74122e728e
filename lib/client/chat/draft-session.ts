import { pageStorage } from '@/lib/client/storage/rescue';
import { draftStore, getSession, subscribeSession } from './chat-session';
import { createDraftKeeper, NEW_CHAT_DRAFT, type DraftKeeper } from './drafts';

/** The open conversation's draft key: its id once it has messages (and so a URL); none for a temporary chat. */
function draftKey(): string | null {
  const session = getSession();
  if (session.temporary) return null;
  return session.chat.messages.length > 0 ? session.id : NEW_CHAT_DRAFT;
}

let keeper: DraftKeeper | null = null;

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
