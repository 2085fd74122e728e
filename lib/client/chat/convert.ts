import type { ChatStatus } from 'ai';
import { messageDocuments, userMessageParts, messageReasoning, messageText } from './chat-session';
import type { ChatMessage, ChatSettings } from './types';
import type { ConversationSettings, StoredMessage } from '@/lib/client/storage/conversation';

/** A chat message as saved; the reply being streamed right now is saved as "streaming". */
export function toStoredMessages(messages: readonly ChatMessage[], status: ChatStatus): StoredMessage[] {
  const busy = status === 'submitted' || status === 'streaming';
  return messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m, index, all) => {
      const isLast = index === all.length - 1;
      const stored: StoredMessage = { id: m.id, role: m.role as 'user' | 'assistant', text: messageText(m) };
      const documents = m.role === 'user' ? messageDocuments(m) : [];
      if (documents.length > 0) stored.documents = documents;
      if (m.role === 'assistant') {
        const reasoning = messageReasoning(m);
        if (reasoning) stored.reasoning = reasoning;
        stored.state =
          isLast && busy ? 'streaming' : (m.metadata?.state ?? (isLast && status === 'error' ? 'error' : 'done'));
        if (m.metadata?.error && stored.state === 'error') stored.error = m.metadata.error;
        if (m.metadata?.usage) stored.usage = m.metadata.usage;
        if (m.metadata?.timing) stored.timing = m.metadata.timing;
        if (m.metadata?.droppedTurns) stored.droppedTurns = m.metadata.droppedTurns;
        if (m.metadata?.compared) stored.compared = m.metadata.compared;
      }
      return stored;
    });
}

export function fromStoredMessages(messages: readonly StoredMessage[]): ChatMessage[] {
  return messages.map((m) => {
    const state = m.state === 'stopped' || m.state === 'interrupted' || m.state === 'error' ? m.state : undefined;
    return {
      id: m.id,
      role: m.role,
      parts:
        m.role === 'user'
          ? userMessageParts(m.text, m.documents)
          : [
              ...(m.reasoning ? [{ type: 'reasoning' as const, text: m.reasoning, state: 'done' as const }] : []),
              // A reply that failed before its first token has no text (and no part).
              ...(m.text || m.state !== 'error' ? [{ type: 'text' as const, text: m.text }] : []),
            ],
      metadata: {
        ...(state ? { state } : {}),
        ...(state === 'error' && m.error ? { error: m.error } : {}),
        ...(m.usage ? { usage: m.usage } : {}),
        ...(m.timing ? { timing: m.timing } : {}),
        ...(m.droppedTurns ? { droppedTurns: m.droppedTurns } : {}),
        ...(m.compared ? { compared: m.compared } : {}),
      },
    };
  });
}

export function toConversationSettings(settings: ChatSettings, systemPrompt: string): ConversationSettings {
  const { model, temperature, topP, maxTokens, presetId, reasoningEffort, thinking } = settings;
  return {
    model,
    temperature,
    topP,
    maxTokens,
    systemPrompt,
    presetId,
    // Remembered with the conversation, whatever model it uses now (a later switch back finds them).
    ...(reasoningEffort !== undefined ? { reasoningEffort } : {}),
    ...(thinking !== undefined ? { thinking } : {}),
  };
}

/** Reopening a conversation restores its settings; a model no longer offered falls back. */
export function fromConversationSettings(saved: ConversationSettings, models: readonly string[]): ChatSettings {
  return { ...saved, model: models.includes(saved.model) ? saved.model : (models[0] ?? saved.model) };
}
