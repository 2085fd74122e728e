import type { ReasoningEffort } from '@/lib/shared/model/profile';
import type { ChatStatus } from 'ai';
import type { ChatSubscriptions } from './external-store';

export type {
  AlternativeReply,
  AttachedDocument,
  ChatDataParts,
  ChatMessage,
  ComparedReply,
  ReplyMetadata,
} from '@/lib/shared/ai/message';
import type { ChatMessage } from '@/lib/shared/ai/message';

export interface ChatSettings {
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** null: the active built-in preset's prompt in the current language. */
  systemPrompt: string | null;
  /** The preset last applied (built-in or the user's); null when none. */
  presetId: string | null;
  /** GPT-OSS's reasoning effort, for a model with that control (unset: medium). */
  reasoningEffort?: ReasoningEffort;
  /** Qwen3's thinking switch, for a model with that control (unset: on). */
  thinking?: boolean;
}

/**
 * The part of the AI SDK's chat this app uses, with subscriptions of our own. `LazyChat` offers it
 * from the first render, before the AI SDK itself (with zod, ~75 KB gzip) has loaded; the real
 * chat (ObservableChat) offers it too.
 */
export interface ChatHandle extends ChatSubscriptions {
  readonly id: string;
  messages: ChatMessage[];
  readonly status: ChatStatus;
  readonly error: Error | undefined;
  /** A text message, or one with parts (a user message with documents: lib/client/chat/documents.ts). */
  sendMessage(message: { text: string } | { parts: ChatMessage['parts'] }): Promise<void>;
  regenerate(options?: { messageId?: string }): Promise<void>;
  stop(): Promise<void>;
  clearError(): void;
}

export interface ChatInit {
  id: string;
  messages: ChatMessage[];
  /** The JSON body POST /api/chat gets for these messages (read when the request is made). */
  requestBody: (messages: ChatMessage[]) => object;
  /** Called by the transport as soon as it has started a request (fetch called). */
  onRequestStarted?: () => void;
  /** Called when a reply's stream has ended (the AI SDK's onFinish). */
  onFinish?: (event: { isAbort: boolean; isError: boolean; finishReason?: string }) => void;
}

/** What the dynamically imported chat module provides: a real chat, with its transport. */
export interface ChatRuntime {
  createChat(init: ChatInit): ChatHandle;
}

export interface ChatRuntimeSource {
  /** The runtime if it has arrived, else null. */
  loaded(): ChatRuntime | null;
  /** Loads the runtime (once; a failed load is tried again on the next call). */
  load(): Promise<ChatRuntime>;
}
