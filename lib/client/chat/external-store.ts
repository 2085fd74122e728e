/** A minimal external store for useSyncExternalStore: state that outlives a component tree. */
export interface Store<T> {
  get(): T;
  set(next: T | ((previous: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

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
