import type { UIMessage } from 'ai';

/** Metadata the server attaches to each assistant reply. */
export interface ReplyMetadata {
  model?: string;
  /** Older turns left out to fit the context window. */
  droppedTurns?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** How the reply ended when it did not finish: set on stop, error, or found mid-stream after a reload. */
  state?: 'stopped' | 'interrupted' | 'error';
}

export type ChatMessage = UIMessage<ReplyMetadata>;

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
