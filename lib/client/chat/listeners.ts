/** A set of change listeners, as the chat's observable values keep them. */
export type Listeners = Set<() => void>;

export function subscribe(listeners: Listeners, onChange: () => void): () => void {
  listeners.add(onChange);
  return () => void listeners.delete(onChange);
}

export const notify = (listeners: Listeners) => listeners.forEach((listener) => listener());

/** Subscriptions to a chat's three observable values; each returns its unsubscribe function. */
export interface ChatSubscriptions {
  subscribeMessages(onChange: () => void): () => void;
  subscribeStatus(onChange: () => void): () => void;
  subscribeError(onChange: () => void): () => void;
}
