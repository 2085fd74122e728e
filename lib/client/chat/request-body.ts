import type { ChatRequest } from '@/lib/shared/schemas/chat-request';
import type { Locale } from '@/lib/shared/i18n/routing';
import { DEFAULT_REASONING_EFFORT, profileForModel } from '@/lib/shared/model/profile';
import { DEFAULT_PRESET_ID, findBuiltinPreset } from '@/lib/client/presets/builtin';
import { fillPromptVariables, localize } from '@/lib/shared/presets/preset';
import type { ChatStatus } from 'ai';
import type { TurnDocument } from '@/lib/shared/ai/user-turn';
import type { ReplyTiming } from '@/lib/shared/ai/message';
import { MAX_ERROR_CHARS } from '@/lib/client/storage/conversation';
import type { AttachedDocument, ChatMessage, ChatSettings } from './types';

/** A message's text: its answer only. A reasoning model's reasoning is shown and saved, never sent back. */
export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** A reasoning model's reasoning before its answer (reasoning parts), or ''. */
export function messageReasoning(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
}

/**
 * Generation speed: tokens after the first one over the time from the first token to the end.
 * Only from the upstream's own token count (`usage`): without it there is no figure. A reply's
 * (its metadata's `timing`, shown under it) and a comparison column's (lib/client/compare/metrics.ts).
 */
export function tokensPerSecond(timing: ReplyTiming, outputTokens: number | undefined): number | undefined {
  const { ttftMs, durationMs } = timing;
  if (outputTokens === undefined || ttftMs === undefined || durationMs === undefined) return undefined;
  const seconds = (durationMs - ttftMs) / 1000;
  if (outputTokens < 2 || seconds <= 0) return undefined;
  return (outputTokens - 1) / seconds;
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

/**
 * The JSON body POST /api/chat expects, built from the chat and the current settings. The system
 * prompt's {{date}}, {{time}}, {{weekday}} and {{locale}} are filled now, in the browser's time
 * zone and the page's language (issue #37), so "view code" and the meter see what is sent.
 */
export function toChatRequestBody(
  messages: ChatMessage[],
  settings: ChatSettings,
  locale: Locale,
  now = new Date(),
): ChatRequest {
  const profile = profileForModel(settings.model);
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
    system: fillPromptVariables(effectiveSystemPrompt(settings, locale), { now, locale }),
    temperature: settings.temperature,
    top_p: settings.topP,
    // Settings made for a model with a larger window stay in range for this one.
    max_tokens: Math.min(settings.maxTokens, profile.maxTokensLimit),
    // Only a model whose registry entry has the control gets it (the server refuses it otherwise).
    ...(profile.reasoningControl === 'effort'
      ? { reasoning_effort: settings.reasoningEffort ?? DEFAULT_REASONING_EFFORT }
      : profile.reasoningControl === 'think'
        ? { chat_template_kwargs: { enable_thinking: settings.thinking ?? true } }
        : {}),
  };
}

type Part = ChatMessage['parts'][number];
type DocumentPart = Extract<Part, { type: 'data-document' }>;

const isDocumentPart = (part: Part): part is DocumentPart => part.type === 'data-document';

/** The documents a message carries, in the order they were attached. */
export function messageDocuments(message: Pick<ChatMessage, 'parts'>): AttachedDocument[] {
  return message.parts.filter(isDocumentPart).map((part) => part.data);
}

/** A user message's parts: its documents, then its text (none when empty). */
export function userMessageParts(text: string, documents: readonly AttachedDocument[] = []): ChatMessage['parts'] {
  return [
    ...documents.map((data): DocumentPart => ({ type: 'data-document', data })),
    ...(text ? [{ type: 'text' as const, text }] : []),
  ];
}

/** What the server gets of a document: its name and text (lib/shared/schemas/chat-request.ts). */
export const toTurnDocument = ({ name, text }: AttachedDocument): TurnDocument => ({ name, text });

/** data-status of an assistant message. An interrupted reply shows as stopped (its text is kept). */
export type ReplyStatus = 'streaming' | 'done' | 'stopped' | 'error';

export function replyStatus(
  message: Pick<ChatMessage, 'metadata'>,
  isLast: boolean,
  chatStatus: ChatStatus,
): ReplyStatus {
  if (isLast && (chatStatus === 'submitted' || chatStatus === 'streaming')) return 'streaming';
  const state = message.metadata?.state;
  if (state === 'stopped' || state === 'interrupted') return 'stopped';
  if (state === 'error' || (isLast && chatStatus === 'error')) return 'error';
  return 'done';
}

/**
 * The reply a chat error belongs to, shown inside it: the last message when the failed request
 * had begun a reply (the upstream failed before or after its first token). Undefined when the
 * request failed before any reply began (refused by this app's server, or no connection): the
 * error then stands after the conversation.
 */
export function failedReplyId(
  messages: readonly Pick<ChatMessage, 'id' | 'role'>[],
  chatStatus: ChatStatus,
): string | undefined {
  const last = messages.at(-1);
  return chatStatus === 'error' && last?.role === 'assistant' ? last.id : undefined;
}

/**
 * The messages with a failed turn's error kept on its reply (metadata `state: 'error'` and the
 * error's text), so it stays there after later messages and reloads: on the reply that had
 * begun, or on an empty reply added for a request that failed before one began (no connection,
 * refused by this app's server), so the error shows right under the message that was sent.
 * Null when there is nothing to change.
 */
export function withFailure(messages: readonly ChatMessage[], error: Error, newId: () => string): ChatMessage[] | null {
  const last = messages.at(-1);
  const text = error.message.slice(0, MAX_ERROR_CHARS);
  if (last?.role === 'assistant') {
    if (last.metadata?.state === 'error' && last.metadata.error === text) return null;
    return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, state: 'error', error: text } }];
  }
  if (last?.role !== 'user') return null;
  return [...messages, { id: newId(), role: 'assistant', parts: [], metadata: { state: 'error', error: text } }];
}
