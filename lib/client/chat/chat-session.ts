// The chat in the browser, in the order a message takes: the settings it is sent with
// (settingsStore), the request body built from them (toChatRequestBody), the chat that loads the
// AI SDK runtime on the first send (LazyChat), and the session that owns the current conversation.
import type { ChatStatus } from 'ai';
import { notify, subscribe, createStore, type Listeners } from './external-store';
import type {
  ChatHandle,
  ChatInit,
  ChatMessage,
  ChatRuntime,
  ChatRuntimeSource,
  ChatSettings,
  AttachedDocument,
} from './types';
import { profileForModel, DEFAULT_REASONING_EFFORT, MAX_MESSAGES } from '@/lib/shared/model/profile';
import { DEFAULT_PRESET_ID, findBuiltinPreset, fillPromptVariables, localize } from '@/lib/shared/presets/preset';
import type { ChatRequest } from '@/lib/shared/schemas/chat-request';
import type { Locale } from '@/lib/shared/i18n/routing';
import type { TurnDocument } from '@/lib/shared/ai/turns';
import type { ReplyTiming } from '@/lib/shared/ai/message';
import { MAX_ERROR_CHARS, newConversationId } from '@/lib/client/storage/conversation';

// The chat's interfaces live in ./types (the runtime implements them without importing this module).
export type { ChatHandle, ChatInit, ChatRuntime, ChatRuntimeSource };

/**
 * A chat that holds its messages, status and error itself until the chat runtime has loaded,
 * then hands them to a real `Chat` and delegates everything to it. Listeners registered at any
 * time keep receiving every change. Once the runtime is there, a send reaches the real chat in
 * the same task (no await); a message sent earlier shows at once and its request starts when the
 * runtime arrives.
 */
export class LazyChat implements ChatHandle {
  readonly id: string;
  #init: ChatInit;
  #source: ChatRuntimeSource;
  #real: ChatHandle | null = null;
  #messages: ChatMessage[];
  #status: ChatStatus = 'ready';
  #error: Error | undefined;
  /** Bumped by stop(): a request still waiting for the runtime is then not made. */
  #requestGeneration = 0;
  #messageListeners: Listeners = new Set();
  #statusListeners: Listeners = new Set();
  #errorListeners: Listeners = new Set();
  /** Listener sets to notify once the request has started (see #holdNotificationsUntilRequest). */
  #held: Set<Listeners> | null = null;

  constructor(init: ChatInit, source: ChatRuntimeSource) {
    this.id = init.id;
    this.#init = init;
    this.#source = source;
    this.#messages = init.messages;
  }

  get messages(): ChatMessage[] {
    return this.#real ? this.#real.messages : this.#messages;
  }

  set messages(messages: ChatMessage[]) {
    if (this.#real) {
      this.#real.messages = messages;
      return;
    }
    this.#messages = [...messages];
    notify(this.#messageListeners);
  }

  get status(): ChatStatus {
    return this.#real ? this.#real.status : this.#status;
  }

  get error(): Error | undefined {
    return this.#real ? this.#real.error : this.#error;
  }

  /** True once requests go straight to the real chat. */
  get attached(): boolean {
    return this.#real !== null;
  }

  sendMessage = (message: { text: string } | { parts: ChatMessage['parts'] }): Promise<void> => {
    const real = this.#realIfLoaded();
    if (real) {
      this.#holdNotificationsUntilRequest();
      return real.sendMessage(message);
    }
    this.messages = [
      ...this.#messages,
      {
        id: newMessageId(),
        role: 'user',
        parts: 'parts' in message ? message.parts : [{ type: 'text', text: message.text }],
        metadata: undefined,
      },
    ];
    return this.#requestOnceLoaded();
  };

  regenerate = (options: { messageId?: string } = {}): Promise<void> => {
    const real = this.#realIfLoaded();
    if (real) {
      this.#holdNotificationsUntilRequest();
      return real.regenerate(options);
    }
    // As the real chat does: keep the turns up to the user message the reply answers.
    const messages = this.#messages;
    const index =
      options.messageId == null ? messages.length - 1 : messages.findIndex((m) => m.id === options.messageId);
    if (index === -1) return Promise.reject(new Error(`message ${options.messageId} not found`));
    this.messages = messages.slice(0, messages[index].role === 'assistant' ? index : index + 1);
    return this.#requestOnceLoaded();
  };

  stop = (): Promise<void> => {
    if (this.#real) return this.#real.stop();
    this.#requestGeneration += 1;
    if (this.#status === 'submitted') this.#setStatus('ready');
    return Promise.resolve();
  };

  clearError = (): void => {
    if (this.#real) return this.#real.clearError();
    if (this.#status !== 'error') return;
    this.#setError(undefined);
    this.#setStatus('ready');
  };

  subscribeMessages = (onChange: () => void) => subscribe(this.#messageListeners, onChange);
  subscribeStatus = (onChange: () => void) => subscribe(this.#statusListeners, onChange);
  subscribeError = (onChange: () => void) => subscribe(this.#errorListeners, onChange);

  #realIfLoaded(): ChatHandle | null {
    if (this.#real) return this.#real;
    const runtime = this.#source.loaded();
    return runtime ? this.#attach(runtime) : null;
  }

  #attach(runtime: ChatRuntime): ChatHandle {
    if (this.#real) return this.#real;
    const real = runtime.createChat({
      ...this.#init,
      messages: this.#messages,
      onRequestStarted: this.#releaseNotifications,
    });
    real.subscribeMessages(() => this.#notify(this.#messageListeners));
    // A request made on arrival takes the real chat from ready to the submitted already shown.
    let shownStatus = this.#status;
    real.subscribeStatus(() => {
      if (real.status === shownStatus) return;
      shownStatus = real.status;
      this.#notify(this.#statusListeners);
    });
    real.subscribeError(() => this.#notify(this.#errorListeners));
    this.#real = real;
    return real;
  }

  /** Shows the request as submitted now; makes it with the real chat when the runtime is there. */
  async #requestOnceLoaded(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.#setError(undefined);
    this.#setStatus('submitted');
    let runtime: ChatRuntime;
    try {
      runtime = await this.#source.load();
    } catch (cause) {
      if (generation !== this.#requestGeneration || this.#real) return;
      // Worded so the error notice reads it as a network failure (with its retry button).
      this.#setError(new TypeError('Failed to fetch the chat runtime', { cause }));
      this.#setStatus('error');
      return;
    }
    if (generation !== this.#requestGeneration || this.#real) return;
    // The messages end with the user's message: the real chat's regenerate sends them as they are.
    const real = this.#attach(runtime);
    this.#holdNotificationsUntilRequest();
    await real.regenerate();
  }

  /**
   * The real chat's changes wait until its request has started (or the next task, if it never
   * does): a send then renders the new message after calling fetch, not before, and the render
   * (~10 ms on a slow machine) no longer delays the request.
   */
  #holdNotificationsUntilRequest(): void {
    if (this.#held) return;
    this.#held = new Set();
    setTimeout(this.#releaseNotifications, 0);
  }

  #releaseNotifications = (): void => {
    const held = this.#held;
    this.#held = null;
    held?.forEach(notify);
  };

  #notify(listeners: Listeners): void {
    if (this.#held) this.#held.add(listeners);
    else notify(listeners);
  }

  #setStatus(status: ChatStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    notify(this.#statusListeners);
  }

  #setError(error: Error | undefined): void {
    if (this.#error === error) return;
    this.#error = error;
    notify(this.#errorListeners);
  }
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 16-character id like the AI SDK's own (crypto.getRandomValues also works outside https). */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

let runtime: ChatRuntime | null = null;
let loading: Promise<ChatRuntime> | null = null;

/** The chat runtime (chat-runtime.ts), fetched on first use and kept for the page's life. */
export const chatRuntimeSource: ChatRuntimeSource = {
  loaded: () => runtime,
  load() {
    loading ??= import('../runtime/chat/chat-runtime').then(
      (module) => (runtime = module.chatRuntime),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  },
};

/** Starts loading the chat runtime now (call once the page is up); a failure is retried on send. */
export function preloadChatRuntime(): void {
  chatRuntimeSource.load().catch(() => undefined);
}

export const SETTINGS_STORAGE_KEY = 'swallow-chat:settings:v1';

/** The first model with its card's recommended sampling (lib/shared/model/profile.ts). */
export function defaultSettings(models: readonly string[]): ChatSettings {
  const model = models[0] ?? '';
  return { model, ...profileForModel(model).recommended, systemPrompt: null, presetId: DEFAULT_PRESET_ID };
}

export const settingsStore = createStore<ChatSettings>(defaultSettings([]));
let hydrated = false;

const sameSettings = (a: ChatSettings, b: ChatSettings) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The defaults for the deployment's models, set as the page first renders, on the server as in
 * the browser (like the model profiles, setModelProfiles): the browser hydrates with the settings
 * the server's HTML was made with, and a first visit's settings do not change after hydration
 * (which re-rendered the composer in a task of its own on every load; issue #35 item 5).
 */
export function seedSettings(models: readonly string[]): void {
  if (hydrated) return;
  const defaults = defaultSettings(models);
  if (!sameSettings(settingsStore.get(), defaults)) settingsStore.set(defaults);
}

/**
 * For a part hydrated after the shell (the settings panel): the settings its server HTML shows
 * (the deployment's defaults), as the store's own object while the store still holds them, so
 * that the part renders again after its hydration only when the settings really differ.
 */
export function serverSettings(models: readonly string[]): () => ChatSettings {
  const defaults = defaultSettings(models);
  return () => {
    const current = settingsStore.get();
    return sameSettings(current, defaults) ? current : defaults;
  };
}

/**
 * Loads saved settings once per page load, then saves every change. Saved settings are
 * validated by ./settings-restore (zod), loaded only when there are any: a first visit's page
 * never loads it. Until they are read the defaults show (as in the server's HTML); a change
 * made meanwhile (a share link's setup, a conversation's own settings) wins over them.
 */
export function hydrateSettings(models: readonly string[]): void {
  if (hydrated || typeof window === 'undefined') return;
  hydrated = true;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(SETTINGS_STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode): settings then last for this page only.
  }
  // The seeded defaults stay the same object: nothing that shows them renders again.
  const current = settingsStore.get();
  const defaults = sameSettings(current, defaultSettings(models)) ? current : defaultSettings(models);
  settingsStore.set(defaults);
  settingsStore.subscribe(() => {
    try {
      window.localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settingsStore.get()));
    } catch {
      // Same as above: keep working in memory.
    }
  });
  if (raw === null) return;
  const saved = raw;
  void import('./settings-restore').then(({ restoreSettings }) => {
    const restored = restoreSettings(saved, models, defaults);
    if (settingsStore.get() === defaults && JSON.stringify(restored) !== JSON.stringify(defaults))
      settingsStore.set(restored);
  });
}

/** A message's text: its answer only. A reasoning model's reasoning is shown and saved, never sent back. */
export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** A reasoning model's reasoning before its answer (reasoning parts), or ''. */
export function messageReasoning(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
}

/**
 * Generation speed: tokens after the first one over the time from the first token to the end.
 * Only from the upstream's own token count (`usage`): without it there is no figure. A reply's
 * (its metadata's `timing`, shown under it) and a comparison column's (lib/client/compare/metrics.ts).
 */
export function tokensPerSecond(timing: ReplyTiming, outputTokens: number | undefined): number | undefined {
  const { ttftMs, durationMs } = timing;
  if (outputTokens === undefined || ttftMs === undefined || durationMs === undefined) return undefined;
  const seconds = (durationMs - ttftMs) / 1000;
  if (outputTokens < 2 || seconds <= 0) return undefined;
  return (outputTokens - 1) / seconds;
}

/**
 * The prompt as typed, or else the active built-in preset's in this language; the default
 * assistant preset (the authors' setup) and no preset take the selected model's own default.
 */
export function effectiveSystemPrompt(settings: ChatSettings, locale: Locale): string {
  if (settings.systemPrompt !== null) return settings.systemPrompt;
  const builtin = settings.presetId === DEFAULT_PRESET_ID ? undefined : findBuiltinPreset(settings.presetId);
  return builtin ? localize(builtin.systemPrompt, locale) : profileForModel(settings.model).systemPrompt[locale];
}

/** A reply that failed before its first token: it holds its error, nothing to send back. */
const isEmptyFailure = (m: ChatMessage) => m.metadata?.state === 'error' && !messageText(m) && !messageReasoning(m);

/**
 * The JSON body POST /api/chat expects, built from the chat and the current settings. The system
 * prompt's {{date}}, {{time}}, {{weekday}} and {{locale}} are filled now, in the browser's time
 * zone and the page's language (issue #37), so "view code" and the meter see what is sent.
 */
export function toChatRequestBody(
  messages: ChatMessage[],
  settings: ChatSettings,
  locale: Locale,
  now = new Date(),
): ChatRequest {
  const profile = profileForModel(settings.model);
  const sent = messages
    .filter((m) => m.role === 'user' || (m.role === 'assistant' && !isEmptyFailure(m)))
    .map((m) => {
      const documents = m.role === 'user' ? messageDocuments(m) : [];
      return {
        role: m.role as 'user' | 'assistant',
        content: messageText(m),
        ...(documents.length > 0 ? { documents: documents.map(toTurnDocument) } : {}),
      };
    });
  // The server takes at most MAX_MESSAGES (and its context budget keeps fewer still): a longer
  // conversation goes on with its newest ones, from a question.
  let first = Math.max(0, sent.length - MAX_MESSAGES);
  while (first < sent.length - 1 && sent[first].role !== 'user') first++;
  return {
    messages: sent.slice(first),
    model: settings.model,
    system: fillPromptVariables(effectiveSystemPrompt(settings, locale), { now, locale }),
    temperature: settings.temperature,
    top_p: settings.topP,
    // Settings made for a model with a larger window stay in range for this one.
    max_tokens: Math.min(settings.maxTokens, profile.maxTokensLimit),
    // Only a model whose registry entry has the control gets it (the server refuses it otherwise).
    ...(profile.reasoningControl === 'effort'
      ? { reasoning_effort: settings.reasoningEffort ?? DEFAULT_REASONING_EFFORT }
      : profile.reasoningControl === 'think'
        ? { chat_template_kwargs: { enable_thinking: settings.thinking ?? true } }
        : {}),
  };
}

type Part = ChatMessage['parts'][number];
type DocumentPart = Extract<Part, { type: 'data-document' }>;

const isDocumentPart = (part: Part): part is DocumentPart => part.type === 'data-document';

/** The documents a message carries, in the order they were attached. */
export function messageDocuments(message: Pick<ChatMessage, 'parts'>): AttachedDocument[] {
  return message.parts.filter(isDocumentPart).map((part) => part.data);
}

/** A user message's parts: its documents, then its text (none when empty). */
export function userMessageParts(text: string, documents: readonly AttachedDocument[] = []): ChatMessage['parts'] {
  return [
    ...documents.map((data): DocumentPart => ({ type: 'data-document', data })),
    ...(text ? [{ type: 'text' as const, text }] : []),
  ];
}

/** What the server gets of a document: its name and text (lib/shared/schemas/chat-request.ts). */
export const toTurnDocument = ({ name, text }: AttachedDocument): TurnDocument => ({ name, text });

/** data-status of an assistant message. An interrupted reply shows as stopped (its text is kept). */
export type ReplyStatus = 'streaming' | 'done' | 'stopped' | 'error';

export function replyStatus(
  message: Pick<ChatMessage, 'metadata'>,
  isLast: boolean,
  chatStatus: ChatStatus,
): ReplyStatus {
  if (isLast && (chatStatus === 'submitted' || chatStatus === 'streaming')) return 'streaming';
  const state = message.metadata?.state;
  if (state === 'stopped' || state === 'interrupted') return 'stopped';
  if (state === 'error' || (isLast && chatStatus === 'error')) return 'error';
  return 'done';
}

/**
 * The reply a chat error belongs to, shown inside it: the last message when the failed request
 * had begun a reply (the upstream failed before or after its first token). Undefined when the
 * request failed before any reply began (refused by this app's server, or no connection): the
 * error then stands after the conversation.
 */
export function failedReplyId(
  messages: readonly Pick<ChatMessage, 'id' | 'role'>[],
  chatStatus: ChatStatus,
): string | undefined {
  const last = messages.at(-1);
  return chatStatus === 'error' && last?.role === 'assistant' ? last.id : undefined;
}

/**
 * The messages with a failed turn's error kept on its reply (metadata `state: 'error'` and the
 * error's text), so it stays there after later messages and reloads: on the reply that had
 * begun, or on an empty reply added for a request that failed before one began (no connection,
 * refused by this app's server), so the error shows right under the message that was sent.
 * Null when there is nothing to change.
 */
export function withFailure(messages: readonly ChatMessage[], error: Error, newId: () => string): ChatMessage[] | null {
  const last = messages.at(-1);
  const text = error.message.slice(0, MAX_ERROR_CHARS);
  if (last?.role === 'assistant') {
    if (last.metadata?.state === 'error' && last.metadata.error === text) return null;
    return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, state: 'error', error: text } }];
  }
  if (last?.role !== 'user') return null;
  return [...messages, { id: newId(), role: 'assistant', parts: [], metadata: { state: 'error', error: text } }];
}

/**
 * The open conversation lives at module level, outside the React tree, so switching the
 * locale (which remounts the [locale] layout) keeps the messages, a reply still
 * streaming, and the draft.
 */
export const localeStore = createStore<Locale>('ja');
export const draftStore = createStore('');
/**
 * Temporary chat (issue #37): while on, new conversations are never saved (history, IndexedDB,
 * the rescue copy, drafts) and are gone on reload. Not remembered: a reload starts with it off.
 */
export const temporaryStore = createStore(false);

export interface ChatSession {
  /** The AI SDK's chat once its code has loaded, a stand-in holding the same state until then. */
  chat: ChatHandle;
  /** Also the conversation's id in history and in its URL (/[locale]/c/[id]). */
  id: string;
  createdAt: number;
  title: string;
  titleEdited: boolean;
  /** The title was written by the model: saves keep it (a rename still wins). */
  titleByModel: boolean;
  pinned: boolean;
  /** A temporary chat's conversation: never saved. */
  temporary: boolean;
}

function createSession(init: Partial<Omit<ChatSession, 'chat'>> & { messages?: ChatMessage[] } = {}): ChatSession {
  const id = init.id ?? newConversationId();
  const chat = new LazyChat(
    {
      id,
      messages: init.messages ?? [],
      requestBody: (messages) => toChatRequestBody(messages, settingsStore.get(), localeStore.get()),
      // A stream that ended without the server's finish (cut off mid-reply) says so.
      onFinish: ({ isAbort, isError, finishReason }) => {
        if (!isAbort && !isError && finishReason === undefined)
          queueMicrotask(() => markLastReply('interrupted', chat));
      },
    },
    chatRuntimeSource,
  );
  // A failed turn's error is kept on its reply (shown there, saved with it).
  chat.subscribeStatus(() => {
    if (chat.status !== 'error') return;
    queueMicrotask(() => {
      if (chat.status !== 'error' || !chat.error) return;
      const messages = withFailure(chat.messages, chat.error, newMessageId);
      if (messages) chat.messages = messages;
    });
  });
  return {
    chat,
    id,
    createdAt: init.createdAt ?? Date.now(),
    title: init.title ?? '',
    titleEdited: init.titleEdited ?? false,
    titleByModel: init.titleByModel ?? false,
    pinned: init.pinned ?? false,
    temporary: init.temporary ?? temporaryStore.get(),
  };
}

const sessionStore = createStore<ChatSession | null>(null);

export function getSession(): ChatSession {
  const current = sessionStore.get();
  if (current) return current;
  const created = createSession();
  sessionStore.set(created);
  return created;
}

export const getChat = () => getSession().chat;
export const subscribeSession = sessionStore.subscribe;

/** Replaces the open conversation (the reply being streamed, if any, is stopped). */
export function replaceSession(init?: Parameters<typeof createSession>[0]): ChatSession {
  void sessionStore.get()?.chat.stop();
  const session = createSession(init);
  sessionStore.set(session);
  return session;
}

export function startNewChat(): void {
  replaceSession();
}

/** Marks how the last reply ended, so it is shown (and saved) as stopped. */
export function markLastReply(
  state: NonNullable<ChatMessage['metadata']>['state'],
  chat: ChatHandle = getChat(),
): void {
  const last = chat.messages.at(-1);
  if (last?.role !== 'assistant') return;
  chat.messages = [...chat.messages.slice(0, -1), { ...last, metadata: { ...last.metadata, state } }];
}
