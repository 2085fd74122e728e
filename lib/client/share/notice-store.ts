import { createStore } from '@/lib/client/chat/external-store';

/** A note for the chat after loading a shared setup (e.g. its model was replaced). */
export const shareNoticeStore = createStore<{ model: string; fallback: string } | null>(null);
