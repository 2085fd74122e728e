import type { ChatStatus } from 'ai';
import { notify, subscribe, type Listeners } from './external-store';
import type { ChatHandle, ChatInit, ChatMessage, ChatRuntime, ChatRuntimeSource } from './types';

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
