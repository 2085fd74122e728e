import type { Locale } from '@/lib/i18n/routing';
import { effectiveSystemPrompt, messageText } from '@/lib/chat/request-body';
import type { ChatMessage, ChatSettings } from '@/lib/chat/types';
import { MAX_SHARED_MESSAGES, type SharePayload } from './payload';

/**
 * Links longer than this get cut or refused by some chat apps and mail clients (SMS, older
 * Outlook, some in-app browsers stop near 2,000 characters); the user is warned and told what
 * to leave out. Longer links still work in browsers, up to MAX_ENCODED_CHARS.
 */
export const WARN_LINK_CHARS = 2_000;

export function shareUrl(origin: string, locale: Locale, encoded: string): string {
  return `${origin}/${locale}/share?p=${encoded}`;
}

export interface ShareOptions {
  includeDraft: boolean;
  includeConversation: boolean;
}

export interface ShareSource {
  settings: ChatSettings;
  locale: Locale;
  presetName?: string;
  draft: string;
  messages: ChatMessage[];
}

export function buildSharePayload(
  { settings, locale, presetName, draft, messages }: ShareSource,
  options: ShareOptions,
): SharePayload {
  const conversation = messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: messageText(m) }))
    .slice(-MAX_SHARED_MESSAGES);
  return {
    v: 1,
    ...(presetName ? { name: presetName } : {}),
    systemPrompt: effectiveSystemPrompt(settings, locale),
    params: { temperature: settings.temperature, topP: settings.topP, maxTokens: settings.maxTokens },
    model: settings.model,
    ...(options.includeDraft && draft.trim() ? { draft } : {}),
    ...(options.includeConversation && conversation.length > 0 ? { messages: conversation } : {}),
  };
}

export interface LoadedShare {
  settings: ChatSettings;
  draft: string;
  messages: ChatMessage[];
  /** The shared model is not offered here; the default is used instead. */
  modelReplaced: boolean;
}

/** What opening a shared setup does: a new chat with its prompt, parameters, model and draft. */
export function loadSharePayload(payload: SharePayload, models: readonly string[]): LoadedShare {
  const known = payload.model !== undefined && models.includes(payload.model);
  return {
    settings: {
      model: known ? payload.model! : (models[0] ?? ''),
      temperature: payload.params.temperature,
      topP: payload.params.topP,
      maxTokens: payload.params.maxTokens,
      systemPrompt: payload.systemPrompt,
      presetId: null,
    },
    draft: payload.draft ?? '',
    messages: (payload.messages ?? []).map((m, index) => ({
      id: `shared-${index}`,
      role: m.role,
      parts: [{ type: 'text', text: m.content }],
    })),
    modelReplaced: payload.model !== undefined && !known,
  };
}
