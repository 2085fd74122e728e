import type { UIMessage } from 'ai';

/**
 * The chat's message types, shared by the browser and the server (the route writes replies of
 * this shape; lib/client/chat/types.ts re-exports them for the browser's modules).
 */

/** Metadata the server attaches to each assistant reply. */
export interface ReplyMetadata {
  model?: string;
  /** Older turns left out to fit the context window. */
  droppedTurns?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** How fast the reply came (measured by the server, sent with its finish). */
  timing?: ReplyTiming;
  /** How the reply ended when it did not finish: set on stop, error, or found mid-stream after a reload. */
  state?: 'stopped' | 'interrupted' | 'error';
  /** A failed reply's error as the chat received it (read by describeChatError), kept with it. */
  error?: string;
  /** Set on a reply picked from a comparison: its model and the reply it was preferred to. */
  compared?: ComparedReply;
}

/** When a reply began and ended, in milliseconds from its request. */
export interface ReplyTiming {
  /** Time to first token: request → first text (or reasoning) of the reply. */
  ttftMs?: number;
  /** Request → reply over. */
  durationMs?: number;
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
  /** Replies picked before versions (issue #34) keep the other one here; now it is a version beside. */
  alternatives: AlternativeReply[];
  /** Set on the reply not picked, kept as a version beside the picked one. */
  notPicked?: boolean;
}

/**
 * A file attached to a user message (issue #19): its text as read in the browser. The model
 * gets `text` inside the user's turn (lib/shared/ai/turns.ts); the UI shows a chip.
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
