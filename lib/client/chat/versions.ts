import type { StoredVersion } from '@/lib/client/storage/conversation';
import { fromStoredMessages, toStoredMessages } from './convert';
import type { ChatHandle } from './chat-session';
import type { ChatMessage } from './types';

/**
 * Every version of a conversation (issue #34): regenerating a reply or editing a message adds a
 * version beside the old one, and what followed a version stays with it, as a tree. The chat
 * (the AI SDK's, through ChatHandle) only ever holds the path shown, a flat message list: that
 * is what is rendered, streamed into and sent to the model. The tree follows the path: each
 * message on it is recorded under the one before it, and a message that leaves the path
 * (regenerate, edit, a switch to another version) stays in the tree. Switching a version sets
 * the chat's messages to the path through it.
 *
 * Saved, the path stays the conversation's `messages` and every other version goes into
 * `versions` (lib/client/storage/conversation-schema.ts), so a record without versions reads
 * as a conversation with one version of everything.
 */

/** The parent of a conversation's first message. */
const ROOT = '';

export interface VersionInfo {
  /** 0-based. */
  index: number;
  count: number;
}

type Listener = () => void;

export class VersionTree {
  readonly messages = new Map<string, ChatMessage>();
  readonly #parentOf = new Map<string, string>();
  /** Children of a message (ROOT: first messages) in the order they were made. */
  readonly #children = new Map<string, string[]>();
  /** The child shown last under a message. */
  readonly #chosen = new Map<string, string>();
  #pathIds: string[] = [];
  /**
   * The path as the last `follow` recorded it (emptied by anything else that changes the tree): a
   * message that is the same object after the same one as then is recorded already. A streaming
   * reply changes only the last message, and walking all of a 500-message path's maps on every
   * chunk cost ~70 ms of main thread over a 4k-token reply (issue #35).
   */
  #followed: readonly ChatMessage[] = [];
  readonly #listeners = new Set<Listener>();
  /**
   * A new function when versions are added, removed or switched (not while a reply's text streams
   * in, nor for a message added after the last).
   */
  #view = (id: string): VersionInfo | null => this.info(id);

  constructor(path: readonly ChatMessage[] = [], versions: readonly StoredVersion[] = []) {
    this.load(path, versions);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /** For rendering (useSyncExternalStore): each message's place among its versions. */
  view = (): ((id: string) => VersionInfo | null) => this.#view;

  #changed(): void {
    this.#view = (id) => this.info(id);
    this.#listeners.forEach((listener) => listener());
  }

  /** Starts over from a saved conversation: its path and its other versions. */
  load(path: readonly ChatMessage[], versions: readonly StoredVersion[]): void {
    this.#followed = [];
    this.messages.clear();
    this.#parentOf.clear();
    this.#children.clear();
    this.#chosen.clear();
    /** Per parent, its children with their places (a version's `at`; the one shown takes the first free place). */
    const places = new Map<string, { at: number; id: string }[]>();
    const place = (parent: string, at: number, id: string) =>
      places.set(parent, [...(places.get(parent) ?? []), { at, id }]);
    const chosen = new Map<string, string>();
    const pathIds = new Set(path.map((m) => m.id));
    for (const version of versions) {
      if (pathIds.has(version.id) || this.messages.has(version.id)) continue;
      const parent = version.parentId ?? ROOT;
      const [message] = fromStoredMessages([version]);
      this.messages.set(version.id, message);
      this.#parentOf.set(version.id, parent);
      place(parent, version.at, version.id);
      if (version.chosen) chosen.set(parent, version.id);
    }
    path.forEach((message, index) => {
      const parent = index === 0 ? ROOT : path[index - 1].id;
      this.messages.set(message.id, message);
      this.#parentOf.set(message.id, parent);
      const taken = new Set((places.get(parent) ?? []).map((entry) => entry.at));
      let at = 0;
      while (taken.has(at)) at += 1;
      place(parent, at, message.id);
      chosen.set(parent, message.id);
    });
    for (const [parent, entries] of places)
      this.#children.set(
        parent,
        [...entries].sort((a, b) => a.at - b.at).map((entry) => entry.id),
      );
    for (const [parent, id] of chosen) this.#chosen.set(parent, id);
    this.#pathIds = path.map((m) => m.id);
    // Recorded: the first `follow` after opening a conversation walks only what changed.
    this.#followed = [...path];
    this.#changed();
  }

  /** Records the path shown (called on every change of the chat's messages). */
  follow(path: readonly ChatMessage[]): void {
    let structural = false;
    const followed = this.#followed;
    path.forEach((message, index) => {
      if (followed[index] === message && (index === 0 || followed[index - 1] === path[index - 1])) return;
      const parent = index === 0 ? ROOT : path[index - 1].id;
      this.messages.set(message.id, message);
      const before = this.#parentOf.get(message.id);
      // A message after one that had none (a message sent, a reply begun) changes no message's
      // versions: the view stays the same function, so a long conversation's rows are not all
      // rendered again (issue #35). A version beside others, or a message moved, changes it.
      if (before !== parent) {
        const siblings = this.#children.get(parent) ?? [];
        if (before !== undefined) this.#detach(message.id, before);
        this.#parentOf.set(message.id, parent);
        this.#children.set(parent, [...siblings, message.id]);
        if (before !== undefined || siblings.length > 0) structural = true;
      }
      const chosen = this.#chosen.get(parent);
      if (chosen !== message.id) {
        this.#chosen.set(parent, message.id);
        if (chosen !== undefined) structural = true;
      }
    });
    const previous = this.#pathIds;
    const unchanged = previous.length === path.length && previous.at(-1) === path.at(-1)?.id;
    if (!unchanged) {
      const shown = new Set(path.map((m) => m.id));
      for (const id of previous) {
        // A reply that failed before its first word is no version worth keeping.
        const message = this.messages.get(id);
        if (!shown.has(id) && message && isEmptyFailure(message)) {
          this.forget(id, false);
          structural = true;
        }
      }
      this.#pathIds = path.map((m) => m.id);
    }
    this.#followed = [...path];
    if (structural) this.#changed();
  }

  /** Removes a message (a deletion): its own versions' places close up. */
  forget(id: string, notify = true): void {
    this.#followed = [];
    const parent = this.#parentOf.get(id);
    if (parent !== undefined) this.#detach(id, parent);
    this.#parentOf.delete(id);
    this.messages.delete(id);
    if (notify) this.#changed();
  }

  #detach(id: string, parent: string): void {
    this.#followed = [];
    const list = (this.#children.get(parent) ?? []).filter((child) => child !== id);
    this.#children.set(parent, list);
    if (this.#chosen.get(parent) === id) {
      const last = list.at(-1);
      if (last) this.#chosen.set(parent, last);
      else this.#chosen.delete(parent);
    }
  }

  /** The versions beside a message (those of its role under the same parent), in the order made. */
  siblings(id: string): string[] {
    const message = this.messages.get(id);
    const parent = this.#parentOf.get(id);
    if (!message || parent === undefined) return [];
    return (this.#children.get(parent) ?? []).filter((child) => this.messages.get(child)?.role === message.role);
  }

  info(id: string): VersionInfo | null {
    const siblings = this.siblings(id);
    return siblings.length > 1 ? { index: siblings.indexOf(id), count: siblings.length } : null;
  }

  /** A message and what was shown after it last time (or the newest, if nothing was). */
  below(id: string): ChatMessage[] {
    const path: ChatMessage[] = [];
    const seen = new Set<string>();
    let current: string | undefined = id;
    while (current && !seen.has(current)) {
      const message = this.messages.get(current);
      if (!message) break;
      seen.add(current);
      path.push(message);
      current = this.#chosen.get(current) ?? this.#children.get(current)?.at(-1);
    }
    return path;
  }

  /** The path shown with the message `id` (on it) replaced by its version `delta` away; null if there is none. */
  switched(path: readonly ChatMessage[], id: string, delta: number): ChatMessage[] | null {
    const index = path.findIndex((m) => m.id === id);
    const siblings = this.siblings(id);
    const target = siblings[siblings.indexOf(id) + delta];
    if (index < 0 || !target || target === id) return null;
    return [...path.slice(0, index), ...this.below(target)];
  }

  /** Adds a version beside a message (a comparison's other reply), not shown. */
  addVersion(parentId: string | null, message: ChatMessage): void {
    if (this.messages.has(message.id)) return;
    this.#followed = [];
    const parent = parentId ?? ROOT;
    this.messages.set(message.id, message);
    this.#parentOf.set(message.id, parent);
    this.#children.set(parent, [...(this.#children.get(parent) ?? []), message.id]);
    this.#changed();
  }

  /** Every version not on the path, as saved: under its parent, at its place among its siblings. */
  stored(path: readonly ChatMessage[]): StoredVersion[] {
    const onPath = new Set(path.map((m) => m.id));
    const result: StoredVersion[] = [];
    const queue = [ROOT];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const parent = queue.shift() as string;
      if (seen.has(parent)) continue;
      seen.add(parent);
      const children = this.#children.get(parent) ?? [];
      const chosen = onPath.has(parent) || parent === ROOT ? undefined : this.#chosen.get(parent);
      children.forEach((id, at) => {
        queue.push(id);
        const message = this.messages.get(id);
        if (onPath.has(id) || !message) return;
        const [saved] = toStoredMessages([message], 'ready');
        result.push({
          ...saved,
          parentId: parent === ROOT ? null : parent,
          at,
          ...(chosen === id && children.length > 1 ? { chosen: true } : {}),
        });
      });
    }
    return result;
  }
}

function isEmptyFailure(message: ChatMessage): boolean {
  return (
    message.role === 'assistant' &&
    message.metadata?.state === 'error' &&
    !message.parts.some((part) => (part.type === 'text' || part.type === 'reasoning') && part.text.trim())
  );
}

const trees = new WeakMap<ChatHandle, VersionTree>();

/** The version tree of a chat, following its messages from now on. */
export function versionTree(chat: ChatHandle): VersionTree {
  let tree = trees.get(chat);
  if (!tree) {
    const created = new VersionTree(chat.messages);
    chat.subscribeMessages(() => created.follow(chat.messages));
    trees.set(chat, created);
    tree = created;
  }
  return tree;
}

/** A saved conversation's other versions, for a chat that now shows its path. */
export function loadVersions(chat: ChatHandle, versions: readonly StoredVersion[] | undefined): void {
  versionTree(chat).load(chat.messages, versions ?? []);
}

/** Shows another version of a message (delta -1: the one before, 1: the one after), with what followed it. */
export function switchVersion(chat: ChatHandle, id: string, delta: number): void {
  if (chat.status === 'submitted' || chat.status === 'streaming') return;
  const path = versionTree(chat).switched(chat.messages, id, delta);
  if (!path) return;
  // The error of the failed turn belongs to the version left: it stays saved on that reply.
  if (chat.status === 'error') chat.clearError();
  chat.messages = path;
}
