import type { ChatStatus } from 'ai';
import type { ChatSubscriptions } from '@/lib/client/chat/external-store';
import type { ChatMessage } from '@/lib/client/chat/types';
import type { ReplyTiming } from '@/lib/shared/ai/message';

/**
 * When a column's reply began and ended, measured in the browser from the moment it was asked
 * (a reply's own, the server's, is in its metadata: ReplyTiming). Its generation speed:
 * tokensPerSecond (lib/client/chat/chat-session.ts).
 */
export type ColumnTiming = ReplyTiming;

type TimedChat = ChatSubscriptions & { readonly messages: ChatMessage[]; readonly status: ChatStatus };

const busy = (status: ChatStatus) => status === 'submitted' || status === 'streaming';
const hasText = (message: ChatMessage | undefined) =>
  message?.role === 'assistant' && message.parts.some((part) => part.type === 'text' && part.text.length > 0);

/** Measures one column's reply: call `start()` as its request is made. */
export class ReplyTimer {
  #timing: ColumnTiming;
  #listeners = new Set<() => void>();
  #off: (() => void) | null = null;

  constructor(
    private readonly chat: TimedChat,
    initial: ColumnTiming = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#timing = initial;
  }

  get timing(): ColumnTiming {
    return this.#timing;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  start(): void {
    this.#off?.();
    const startedAt = this.now();
    this.#set({});
    // The request may not have begun yet (the chat runtime still loading): the end is the first
    // time the chat is idle again after it was busy.
    let began = busy(this.chat.status);
    const check = () => {
      const timing = this.#timing;
      if (timing.ttftMs === undefined && hasText(this.chat.messages.at(-1)))
        this.#set({ ...timing, ttftMs: this.now() - startedAt });
      if (busy(this.chat.status)) began = true;
      else if (began) {
        this.#set({ ...this.#timing, durationMs: this.now() - startedAt });
        this.stop();
      }
    };
    const offMessages = this.chat.subscribeMessages(check);
    const offStatus = this.chat.subscribeStatus(check);
    this.#off = () => {
      offMessages();
      offStatus();
    };
  }

  /** Stops listening (the reply is over, or the comparison was dropped). */
  stop(): void {
    this.#off?.();
    this.#off = null;
  }

  #set(timing: ColumnTiming): void {
    this.#timing = timing;
    this.#listeners.forEach((listener) => listener());
  }
}
