import type { ChatRequest } from '@/lib/shared/schemas/chat-request';
import type { Locale } from '@/lib/shared/i18n/routing';
import { profileForModel } from '@/lib/shared/model/profile';
import { DEFAULT_PRESET_ID, findBuiltinPreset } from '@/lib/client/presets/builtin';
import { localize } from '@/lib/shared/presets/preset';
import { messageDocuments, toTurnDocument } from './documents';
import type { ChatMessage, ChatSettings } from './types';

/** A message's text: its answer only. A reasoning model's reasoning is shown and saved, never sent back. */
export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** A reasoning model's reasoning before its answer (reasoning parts), or ''. */
export function messageReasoning(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
}

/**
 * The prompt as typed, or else the active built-in preset's in this language; the default
 * assistant preset (the authors' setup) and no preset take the selected model's own default.
 */
export function effectiveSystemPrompt(settings: ChatSettings, locale: Locale): string {
  if (settings.systemPrompt !== null) return settings.systemPrompt;
  const builtin = settings.presetId === DEFAULT_PRESET_ID ? undefined : findBuiltinPreset(settings.presetId);
  return builtin ? localize(builtin.systemPrompt, locale) : profileForModel(settings.model).systemPrompt[locale];
}

/** A reply that failed before its first token: it holds its error, nothing to send back. */
const isEmptyFailure = (m: ChatMessage) => m.metadata?.state === 'error' && !messageText(m) && !messageReasoning(m);

/** The JSON body POST /api/chat expects, built from the chat and the current settings. */
export function toChatRequestBody(messages: ChatMessage[], settings: ChatSettings, locale: Locale): ChatRequest {
  return {
    messages: messages
      .filter((m) => m.role === 'user' || (m.role === 'assistant' && !isEmptyFailure(m)))
      .map((m) => {
        const documents = m.role === 'user' ? messageDocuments(m) : [];
        return {
          role: m.role as 'user' | 'assistant',
          content: messageText(m),
          ...(documents.length > 0 ? { documents: documents.map(toTurnDocument) } : {}),
        };
      }),
    model: settings.model,
    system: effectiveSystemPrompt(settings, locale),
    temperature: settings.temperature,
    top_p: settings.topP,
    // Settings made for a model with a larger window stay in range for this one.
    max_tokens: Math.min(settings.maxTokens, profileForModel(settings.model).maxTokensLimit),
  };
}
