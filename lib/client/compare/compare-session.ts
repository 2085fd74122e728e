import {
  chatRuntimeSource,
  getChat,
  getSession,
  localeStore,
  markLastReply,
  subscribeSession,
  LazyChat,
  newMessageId,
  toChatRequestBody,
  settingsStore,
  userMessageParts,
} from '@/lib/client/chat/chat-session';
import type { AttachedDocument, ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';
import { settingsForModel } from '@/lib/client/presets/active';
import { pageStorage } from '@/lib/client/storage/rescue';
import type { StoredCompare } from '@/lib/client/storage/conversation';
import { compareStore, isBusy, setRun, type CompareColumn, type CompareState } from './compare-store';
import { ReplyTimer } from './metrics';
import { canPick, pickComparison } from './pick';
import { versionTree } from '@/lib/client/chat/versions';
import { fromStoredCompare } from './stored';
import { loadTally, recordPick, saveTally } from './tally';

export type { CompareColumn, CompareRun, CompareState, PickResult } from './compare-store';

/**
 * Compare mode: one prompt, two independent requests to /api/chat (each its own model, sampling
 * and system prompt, budgeted by the server for its own model), two columns. Lives at module
 * level like the open conversation (lib/client/chat/chat-session.ts), so a locale switch keeps it.
 * Loaded on first use (compare-loader.ts); its state is in compare-store.ts.
 */

const update = (patch: Partial<CompareState>) => compareStore.set((state) => ({ ...state, ...patch }));

/**
 * By default the first two models offered, each with the conversation's current settings; under
 * the default assistant preset each column takes its own model's recommended sampling and prompt.
 */
export function defaultTargets(
  models: readonly string[],
  settings: ChatSettings,
  locale: Locale,
): [ChatSettings, ChatSettings] {
  return [
    settingsForModel(settings, models[0] ?? settings.model, locale),
    settingsForModel(settings, models[1] ?? models[0] ?? settings.model, locale),
  ];
}

let tallyLoaded = false;

export function openCompare(models: readonly string[]): void {
  const state = compareStore.get();
  if (!tallyLoaded) {
    tallyLoaded = true;
    update({ tally: loadTally(pageStorage()) });
  }
  update({
    open: true,
    result: null,
    targets: state.targets ?? defaultTargets(models, settingsStore.get(), localeStore.get()),
  });
}

/** Leaves compare mode; refused while a comparison waits for its pick (pick or discard it first). */
export function closeCompare(): void {
  if (compareStore.get().run) return;
  update({ open: false });
}

/** Opens compare mode with a given setup (a share link's). */
export function openCompareWith(targets: [ChatSettings, ChatSettings], blind: boolean): void {
  discardComparison();
  update({ open: true, targets, blind, result: null });
}

export function setTarget(index: 0 | 1, settings: ChatSettings): void {
  const { targets } = compareStore.get();
  if (!targets) return;
  const next: [ChatSettings, ChatSettings] = [...targets];
  next[index] = settings;
  update({ targets: next });
}

export function setBlind(blind: boolean): void {
  update({ blind });
}

function createColumn(sessionId: string, slot: number, settings: ChatSettings, messages: ChatMessage[]) {
  const chat = new LazyChat(
    {
      id: `${sessionId}-compare-${slot}`,
      messages,
      requestBody: (turns) => toChatRequestBody(turns, settings, localeStore.get()),
    },
    chatRuntimeSource,
  );
  return { chat, settings, timer: new ReplyTimer(chat), cutOff: false };
}

/** Sends `text` (and its documents) to both columns at once (in random order in blind mode). */
export function startComparison(text: string, documents: readonly AttachedDocument[] = []): void {
  const { targets, blind, run } = compareStore.get();
  if (!targets || run) return;
  const session = getSession();
  const prompt: ChatMessage = {
    id: newMessageId(),
    role: 'user',
    parts: userMessageParts(text, documents),
    metadata: undefined,
  };
  const base = session.chat.messages;
  const order = blind && Math.random() < 0.5 ? [1, 0] : [0, 1];
  const columns = order.map((target, slot) => createColumn(session.id, slot, targets[target], [...base, prompt]));
  setRun({ sessionId: session.id, blind, prompt, columns });
  update({ result: null });
  for (const column of columns) {
    column.timer.start();
    // The messages end with the prompt: a "regenerate" asks for its reply (as a retry does).
    void column.chat.regenerate();
  }
}

/** Asks one column again (after its error), as the conversation's retry does. */
export function retryColumn(index: number): void {
  const column = compareStore.get().run?.columns[index];
  if (!column) return;
  column.cutOff = false;
  column.chat.clearError();
  column.timer.start();
  void column.chat.regenerate();
}

/** Stop stops both columns; what each wrote so far stays, marked stopped. */
export async function stopComparison(): Promise<void> {
  const run = compareStore.get().run;
  if (!run) return;
  await Promise.all(
    run.columns.map(async ({ chat }) => {
      if (!isBusy(chat.status)) return;
      await chat.stop();
      markLastReply('stopped', chat);
    }),
  );
}

/** Drops the comparison (both replies) without continuing with either. */
export function discardComparison(): void {
  const run = compareStore.get().run;
  if (!run) return;
  run.columns.forEach(({ chat, timer }) => {
    timer.stop();
    void chat.stop();
  });
  setRun(null);
}

const outcome = ({ chat, settings }: CompareColumn) => ({ settings, messages: chat.messages, status: chat.status });

export function columnCanBePicked(column: CompareColumn): boolean {
  return canPick(outcome(column));
}

/**
 * "Continue with this reply": it becomes the conversation's turn, the chat goes on with its
 * column's model and settings, the other reply is kept beside it. A blind pick is counted.
 */
export function pickColumn(index: number): void {
  const state = compareStore.get();
  const run = state.run;
  if (!run || !columnCanBePicked(run.columns[index])) return;
  const other = run.columns[1 - index];
  if (isBusy(other.chat.status)) {
    void other.chat.stop().then(() => markLastReply('stopped', other.chat));
  }
  const picked = pickComparison(run.columns.map(outcome), index, run.blind);
  const chosenModel = run.columns[index].settings.model;
  const tally = run.blind ? recordPick(state.tally, chosenModel, other.settings.model) : state.tally;
  if (tally !== state.tally) saveTally(pageStorage(), tally);
  run.columns.forEach(({ timer }) => timer.stop());
  setRun(null);
  const replyId = picked.messages.at(-1)?.id ?? '';
  update({
    open: false,
    tally,
    result: { blind: run.blind, picked: chosenModel, other: other.settings.model, replyId },
  });
  settingsStore.set(picked.settings);
  // The other reply goes beside the picked one (before it: the picked one is the newest version).
  const chat = getChat();
  const prompt = picked.messages.at(-2);
  picked.others.forEach((other) => versionTree(chat).addVersion(prompt?.id ?? null, other));
  chat.messages = picked.messages;
}

export function dismissResult(): void {
  update({ result: null });
}

/** Reopens a saved comparison with its conversation (after a reload, or from history). */
export function restoreCompare(stored: StoredCompare, models: readonly string[]): void {
  const session = getSession();
  const restored = fromStoredCompare(stored, session.chat.messages, models);
  const columns = restored.columns.map((column, slot) => {
    const created = createColumn(session.id, slot, column.settings, column.messages);
    created.timer = new ReplyTimer(created.chat, column.timing);
    return created;
  });
  if (!tallyLoaded) {
    tallyLoaded = true;
    update({ tally: loadTally(pageStorage()) });
  }
  setRun({ sessionId: session.id, blind: restored.blind, prompt: restored.prompt, columns });
  const targets = compareStore.get().targets ?? [columns[0].settings, columns[1].settings];
  update({ open: true, blind: restored.blind, targets, result: null });
}

// Another conversation opened (new chat, history, share link): its comparison, if any, goes.
if (typeof window !== 'undefined') {
  subscribeSession(() => {
    const run = compareStore.get().run;
    if (run && run.sessionId !== getSession().id) discardComparison();
    if (compareStore.get().result) update({ result: null });
  });
}
