import type { Locale } from '@/lib/shared/i18n/routing';
import { effectiveSystemPrompt, messageText } from '@/lib/client/chat/chat-session';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import { MAX_SHARED_MESSAGES, type SharePayload } from '../../shared/share/payload';

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
  /** Carry the comparison setup (when the source has one). */
  includeComparison?: boolean;
}

export interface ShareSource {
  settings: ChatSettings;
  locale: Locale;
  presetName?: string;
  draft: string;
  messages: ChatMessage[];
  /** Compare mode's two targets and its blind switch, when compare mode is open. */
  comparison?: { targets: readonly ChatSettings[]; blind: boolean };
}

export function buildSharePayload(
  { settings, locale, presetName, draft, messages, comparison }: ShareSource,
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
    ...(options.includeComparison && comparison
      ? {
          compare: {
            blind: comparison.blind,
            targets: comparison.targets.map((target) => ({
              model: target.model,
              systemPrompt: effectiveSystemPrompt(target, locale),
              params: { temperature: target.temperature, topP: target.topP, maxTokens: target.maxTokens },
            })),
          },
        }
      : {}),
  };
}

export interface LoadedShare {
  settings: ChatSettings;
  draft: string;
  messages: ChatMessage[];
  /** The shared model is not offered here; the default is used instead. */
  modelReplaced: boolean;
  /** A comparison setup: compare mode opens with these two targets (the draft is its prompt). */
  compare?: { targets: [ChatSettings, ChatSettings]; blind: boolean; modelsReplaced: string[] };
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
    ...(payload.compare ? { compare: loadComparison(payload.compare, models) } : {}),
  };
}

function loadComparison(
  compare: NonNullable<SharePayload['compare']>,
  models: readonly string[],
): NonNullable<LoadedShare['compare']> {
  const modelsReplaced: string[] = [];
  const targets = compare.targets.map((target, index) => {
    const offered = models.includes(target.model);
    if (!offered) modelsReplaced.push(target.model);
    return {
      model: offered ? target.model : (models[index] ?? models[0] ?? ''),
      temperature: target.params.temperature,
      topP: target.params.topP,
      maxTokens: target.params.maxTokens,
      systemPrompt: target.systemPrompt,
      presetId: null,
    };
  }) as [ChatSettings, ChatSettings];
  return { targets, blind: compare.blind, modelsReplaced };
}
