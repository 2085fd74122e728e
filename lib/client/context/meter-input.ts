import { userMessageParts, toChatRequestBody } from '@/lib/client/chat/chat-session';
import type { AttachedDocument, ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';
import { profileForModel, requestReasoning } from '@/lib/shared/model/profile';
import type { MeasureInput } from './protocol';

/**
 * What the meter measures: the request the send button would make now — the conversation, the
 * draft with its documents as the newest user turn (even when empty: the next request has one),
 * the system prompt and max_tokens — built by the same function that builds the real body.
 */
export function meterInput(
  messages: readonly ChatMessage[],
  settings: ChatSettings,
  locale: Locale,
  draft: string,
  documents: readonly AttachedDocument[],
  contextTokens: number,
): MeasureInput {
  const next: ChatMessage = { id: 'draft', role: 'user', parts: userMessageParts(draft.trim(), documents) };
  const body = toChatRequestBody([...messages, next], settings, locale);
  return {
    system: body.system,
    messages: body.messages,
    maxTokens: body.max_tokens,
    contextTokens,
    tokenizer: profileForModel(body.model).tokenizer,
    reasoning: requestReasoning(body),
  };
}
