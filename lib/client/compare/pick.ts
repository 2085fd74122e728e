import type { ChatStatus } from 'ai';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';

/** One column of a comparison as the pick sees it: its settings, its chat's messages and status. */
export interface ColumnOutcome {
  settings: ChatSettings;
  /** The conversation so far, the prompt, and the column's reply (if one began). */
  messages: readonly ChatMessage[];
  status: ChatStatus;
}

const busy = (status: ChatStatus) => status === 'submitted' || status === 'streaming';

/** The column's reply to the prompt, if one began. */
export function columnReply(column: Pick<ColumnOutcome, 'messages'>): ChatMessage | undefined {
  const last = column.messages.at(-1);
  return last?.role === 'assistant' ? last : undefined;
}

function replyText(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** A reply can be picked once it has text and is no longer streaming (stopped ones too). */
export function canPick(column: ColumnOutcome): boolean {
  const reply = columnReply(column);
  return !busy(column.status) && reply !== undefined && replyText(reply).trim().length > 0;
}

/**
 * The reply not picked, as a version beside the picked one (lib/client/chat/versions.ts), with its
 * model noted; a reply that failed before its first word is not kept (as on regenerate).
 */
function versionOf(column: ColumnOutcome, blind: boolean): ChatMessage | null {
  const reply = columnReply(column);
  if (!reply || !replyText(reply).trim()) return null;
  const state =
    reply.metadata?.state ?? (column.status === 'error' ? 'error' : busy(column.status) ? 'stopped' : undefined);
  const model = column.settings.model;
  return {
    ...reply,
    metadata: {
      ...(state ? { state } : {}),
      ...(reply.metadata?.usage ? { usage: reply.metadata.usage } : {}),
      ...(state === 'error' && reply.metadata?.error ? { error: reply.metadata.error } : {}),
      model,
      compared: { model, blind, alternatives: [], notPicked: true },
    },
  };
}

export interface PickedConversation {
  /** The conversation with the prompt and the picked reply as its newest turn. */
  messages: ChatMessage[];
  /** The picked column's settings: the chat goes on with them. */
  settings: ChatSettings;
  /** The other reply, kept as a version beside the picked one (under the prompt). */
  others: ChatMessage[];
}

/**
 * "Continue with this reply": the picked column's prompt and reply become the conversation's
 * newest turn (what the next request carries), the other reply a version beside it.
 */
export function pickComparison(columns: readonly ColumnOutcome[], picked: number, blind: boolean): PickedConversation {
  const chosen = columns[picked];
  const reply = columnReply(chosen);
  if (!reply || !canPick(chosen)) throw new Error('This column has no reply to pick');
  const others = columns.flatMap((column, index) => {
    const other = index === picked ? null : versionOf(column, blind);
    return other ? [other] : [];
  });
  const { state: _busyState, ...metadata } = reply.metadata ?? {};
  const state = reply.metadata?.state;
  return {
    messages: [
      ...chosen.messages.slice(0, -1),
      {
        ...reply,
        metadata: {
          ...metadata,
          ...(state ? { state } : {}),
          model: chosen.settings.model,
          compared: { model: chosen.settings.model, blind, alternatives: [] },
        },
      },
    ],
    settings: chosen.settings,
    others,
  };
}
