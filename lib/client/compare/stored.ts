import type { ChatStatus } from 'ai';
import {
  fromConversationSettings,
  fromStoredMessages,
  toConversationSettings,
  toStoredMessages,
} from '@/lib/client/chat/convert';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import type { StoredCompare } from '@/lib/client/storage/conversation';
import type { ColumnTiming } from './metrics';

/** One column as saved with its conversation: settings, the reply so far, timing. */
export interface ColumnSnapshot {
  settings: ChatSettings;
  /** The column's chat: the conversation, the prompt, and its reply if one began. */
  messages: readonly ChatMessage[];
  status: ChatStatus;
  timing: ColumnTiming;
}

/**
 * A comparison waiting for a pick, as saved in its conversation. A reply still streaming is
 * saved as "streaming" (read back after a reload as interrupted, its text kept).
 */
export function toStoredCompare(
  prompt: ChatMessage,
  columns: readonly ColumnSnapshot[],
  blind: boolean,
  systemPrompts: readonly string[],
): StoredCompare {
  const [storedPrompt] = toStoredMessages([prompt], 'ready');
  return {
    blind,
    prompt: storedPrompt,
    columns: columns.map((column, index) => {
      const last = column.messages.at(-1);
      const reply = last?.role === 'assistant' ? toStoredMessages([last], column.status)[0] : undefined;
      return {
        settings: toConversationSettings(column.settings, systemPrompts[index]),
        ...(reply ? { reply } : {}),
        ...(column.timing.ttftMs !== undefined || column.timing.durationMs !== undefined
          ? { timing: { ...column.timing } }
          : {}),
      };
    }),
  };
}

export interface RestoredColumn {
  settings: ChatSettings;
  messages: ChatMessage[];
  timing: ColumnTiming;
}

/** A saved comparison's columns, each with the conversation it answered (`base`). */
export function fromStoredCompare(
  stored: StoredCompare,
  base: readonly ChatMessage[],
  models: readonly string[],
): { prompt: ChatMessage; blind: boolean; columns: RestoredColumn[] } {
  const [prompt] = fromStoredMessages([stored.prompt]);
  return {
    prompt,
    blind: stored.blind,
    columns: stored.columns.map((column) => ({
      settings: fromConversationSettings(column.settings, models),
      messages: [...base, prompt, ...(column.reply ? fromStoredMessages([column.reply]) : [])],
      timing: column.timing ?? {},
    })),
  };
}
