import type { ChatStatus, UIMessage } from 'ai';
import type { ChatSubscriptions } from './external-store';

/** Metadata the server attaches to each assistant reply. */
export interface ReplyMetadata {
  model?: string;
  /** Older turns left out to fit the context window. */
  droppedTurns?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** How the reply ended when it did not finish: set on stop, error, or found mid-stream after a reload. */
  state?: 'stopped' | 'interrupted' | 'error';
  /** A failed reply's error as the chat received it (read by describeChatError), kept with it. */
  error?: string;
  /** Set on a reply picked from a comparison: its model and the reply it was preferred to. */
  compared?: ComparedReply;
}

/** The other reply of a comparison, kept beside the one picked (viewable and exported). */
export interface AlternativeReply {
  model: string;
  text: string;
  state?: 'done' | 'stopped' | 'interrupted' | 'error';
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
}

export interface ComparedReply {
  /** The picked reply's model. */
  model: string;
  /** True when it was picked with the names hidden. */
  blind: boolean;
  alternatives: AlternativeReply[];
}

/**
 * A file attached to a user message (issue #19): its text as read in the browser. The model
 * gets `text` inside the user's turn (lib/shared/ai/user-turn.ts); the UI shows a chip.
 */
export interface AttachedDocument {
  name: string;
  /** The file's size in bytes. */
  size: number;
  kind: 'text' | 'pdf' | 'docx';
  /** What is sent: the whole text, or for a PDF the chosen pages. */
  text: string;
  /** Text files: the encoding detected. */
  encoding?: string;
  /** PDFs: the pages kept (1-based, inclusive) of how many. */
  pages?: { from: number; to: number; total: number };
}

/** Data parts of our messages: a user message carries its documents as `data-document` parts. */
export type ChatDataParts = { document: AttachedDocument };

export type ChatMessage = UIMessage<ReplyMetadata, ChatDataParts>;

export interface ChatSettings {
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** null: the active built-in preset's prompt in the current language. */
  systemPrompt: string | null;
  /** The preset last applied (built-in or the user's); null when none. */
  presetId: string | null;
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
