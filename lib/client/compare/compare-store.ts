import type { ChatStatus } from 'ai';
import { localeStore, effectiveSystemPrompt } from '@/lib/client/chat/chat-session';
import { createStore } from '@/lib/client/chat/external-store';
import type { ChatHandle } from '@/lib/client/chat/chat-session';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import type { StoredCompare } from '@/lib/client/storage/conversation';
import type { ReplyTimer } from './metrics';
import { toStoredCompare } from './stored';
import type { Tally } from './tally';

/**
 * Compare mode's state, and what the page reads of it while compare mode has never been opened
 * (the header's toggle, the history's saves). What changes it (opening, a comparison's requests,
 * the pick) is compare-session.ts, loaded on first use (compare-loader.ts): a page that never
 * compares does not load it.
 */
export interface CompareColumn {
  /** A chat of its own (the same transport and request code as the conversation's). */
  chat: ChatHandle;
  /** Fixed when the comparison begins. */
  settings: ChatSettings;
  timer: ReplyTimer;
  /**
   * The page began to unload while this column streamed: the browser then cancels its request,
   * which reads as a failure; it is saved as cut off (read back as interrupted) instead.
   */
  cutOff: boolean;
}

export interface CompareRun {
  /** The conversation the comparison belongs to. */
  sessionId: string;
  blind: boolean;
  prompt: ChatMessage;
  /** In the order shown (randomized in blind mode). */
  columns: CompareColumn[];
}

/** Shown after a pick: which model each column was (the reveal, in blind mode). */
export interface PickResult {
  blind: boolean;
  picked: string;
  other: string | null;
  /** The reply the pick made the conversation's: the notice stands under it while it is the last. */
  replyId: string;
}

export interface CompareState {
  open: boolean;
  blind: boolean;
  /** What the next comparison asks: column 1 and column 2 (null until compare mode first opens). */
  targets: [ChatSettings, ChatSettings] | null;
  run: CompareRun | null;
  result: PickResult | null;
  tally: Tally;
}

export const compareStore = createStore<CompareState>({
  open: false,
  blind: false,
  targets: null,
  run: null,
  result: null,
  tally: {},
});

export const isBusy = (status: ChatStatus) => status === 'submitted' || status === 'streaming';

// Every change of the run (a column's text, status, error, timing) for the history's saves.
const runListeners = new Set<() => void>();
let unwatchRun: (() => void) | null = null;
const notifyRun = () => runListeners.forEach((listener) => listener());

export function subscribeCompareRun(listener: () => void): () => void {
  runListeners.add(listener);
  return () => void runListeners.delete(listener);
}

/** Sets the comparison under way (or none), following its columns for subscribeCompareRun. */
export function setRun(run: CompareRun | null): void {
  unwatchRun?.();
  unwatchRun = null;
  if (run) {
    const offs = run.columns.flatMap(({ chat, timer }) => [
      chat.subscribeMessages(notifyRun),
      chat.subscribeStatus(notifyRun),
      chat.subscribeError(notifyRun),
      timer.subscribe(notifyRun),
    ]);
    unwatchRun = () => offs.forEach((off) => off());
  }
  compareStore.set((state) => ({ ...state, run }));
  notifyRun();
}

/** The page is unloading: the columns streaming now are saved as cut off, whatever they report next. */
export function markComparisonCutOff(): void {
  compareStore.get().run?.columns.forEach((column) => {
    if (isBusy(column.chat.status)) column.cutOff = true;
  });
}

/** The page stayed after all (back from the bfcache). */
export function clearComparisonCutOff(): void {
  compareStore.get().run?.columns.forEach((column) => (column.cutOff = false));
}

export function compareBusy(): boolean {
  return compareStore.get().run?.columns.some(({ chat }) => isBusy(chat.status)) ?? false;
}

/** A column's request has just been made (a new comparison, or a retry). */
export function compareSubmitted(): boolean {
  return compareStore.get().run?.columns.some(({ chat }) => chat.status === 'submitted') ?? false;
}

/** The comparison of conversation `sessionId` as it is saved (undefined when there is none). */
export function storedCompareFor(sessionId: string): StoredCompare | undefined {
  const run = compareStore.get().run;
  if (!run || run.sessionId !== sessionId) return undefined;
  const locale = localeStore.get();
  return toStoredCompare(
    run.prompt,
    run.columns.map(({ chat, settings, timer, cutOff }) => ({
      settings,
      messages: chat.messages,
      status: cutOff ? 'streaming' : chat.status,
      timing: timer.timing,
    })),
    run.blind,
    run.columns.map(({ settings }) => effectiveSystemPrompt(settings, locale)),
  );
}
