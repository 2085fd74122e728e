// Before the AI SDK's modules build their schemas: no `new Function` probe under the CSP.
import '@/lib/shared/validation/zod-jitless';
import { AbstractChat, DefaultChatTransport, type ChatInit, type ChatState, type ChatStatus, type UIMessage } from 'ai';
import type { ChatMessage, ChatRuntime } from '../../chat/types';
import { notify, subscribe, type ChatSubscriptions, type Listeners } from '../../chat/external-store';

/**
 * The AI SDK's chat (request, UI message stream parsing, zod) — loaded after the first paint by
 * chatRuntimeSource (lib/client/chat/chat-session.ts), never imported statically by the page.
 */
export const chatRuntime: ChatRuntime = {
  createChat: ({ id, messages, requestBody, onRequestStarted, onFinish }) =>
    new ObservableChat<ChatMessage>({
      id,
      messages,
      onFinish,
      transport: new DefaultChatTransport<ChatMessage>({
        api: '/api/chat',
        prepareSendMessagesRequest: ({ messages }) => ({ body: requestBody(messages) }),
        fetch: (input, init) => {
          const response = globalThis.fetch(input, init);
          onRequestStarted?.();
          return response;
        },
      }),
    }),
};

/**
 * The chat state `AbstractChat` writes to, observable. Every change gives a new messages array,
 * and a replaced message is a new object with new part objects, so a renderer can tell what
 * changed by identity (as with React state).
 */
class ObservableChatState<MESSAGE extends UIMessage> implements ChatState<MESSAGE> {
  #messages: MESSAGE[];
  #status: ChatStatus = 'ready';
  #error: Error | undefined;
  readonly messageListeners: Listeners = new Set();
  readonly statusListeners: Listeners = new Set();
  readonly errorListeners: Listeners = new Set();

  constructor(messages: MESSAGE[]) {
    this.#messages = messages;
  }

  get messages(): MESSAGE[] {
    return this.#messages;
  }

  set messages(messages: MESSAGE[]) {
    this.#messages = [...messages];
    notify(this.messageListeners);
  }

  get status(): ChatStatus {
    return this.#status;
  }

  set status(status: ChatStatus) {
    this.#status = status;
    notify(this.statusListeners);
  }

  get error(): Error | undefined {
    return this.#error;
  }

  set error(error: Error | undefined) {
    this.#error = error;
    notify(this.errorListeners);
  }

  pushMessage = (message: MESSAGE): void => {
    this.messages = [...this.#messages, message];
  };

  popMessage = (): void => {
    this.messages = this.#messages.slice(0, -1);
  };

  replaceMessage = (index: number, message: MESSAGE): void => {
    const messages = [...this.#messages];
    messages[index] = this.snapshot(message);
    this.#messages = messages;
    notify(this.messageListeners);
  };

  snapshot = <T>(value: T): T => {
    if (!isMessage(value)) return value;
    const copy = { ...value, parts: value.parts.map((part) => ({ ...part })) };
    if (isPlainObject(value.metadata)) copy.metadata = { ...value.metadata };
    return copy as T;
  };
}

function isMessage(value: unknown): value is UIMessage {
  return typeof value === 'object' && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The AI SDK's chat (request, UI message stream parsing, stop, regenerate) built on its public
 * `AbstractChat` with a state of our own that can be subscribed to: what a framework binding
 * such as `@ai-sdk/react` does, without relying on the binding's undocumented callbacks.
 */
export class ObservableChat<MESSAGE extends UIMessage> extends AbstractChat<MESSAGE> implements ChatSubscriptions {
  readonly #state: ObservableChatState<MESSAGE>;

  constructor({ messages = [], ...init }: ChatInit<MESSAGE>) {
    const state = new ObservableChatState(messages);
    super({ ...init, state });
    this.#state = state;
  }

  subscribeMessages = (onChange: () => void) => subscribe(this.#state.messageListeners, onChange);
  subscribeStatus = (onChange: () => void) => subscribe(this.#state.statusListeners, onChange);
  subscribeError = (onChange: () => void) => subscribe(this.#state.errorListeners, onChange);
}
