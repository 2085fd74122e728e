import { DEFAULT_SYSTEM_PROMPTS } from '@/lib/ai/defaults';
import type { ChatRequest } from '@/lib/ai/schema';
import type { Locale } from '@/lib/i18n/routing';
import { findBuiltinPreset } from '@/lib/presets/builtin';
import { localize } from '@/lib/presets/preset';
import type { ChatMessage, ChatSettings } from './types';

export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The prompt as typed, or else the active built-in preset's (or the default) in this language. */
export function effectiveSystemPrompt(settings: ChatSettings, locale: Locale): string {
  if (settings.systemPrompt !== null) return settings.systemPrompt;
  const builtin = findBuiltinPreset(settings.presetId);
  return builtin ? localize(builtin.systemPrompt, locale) : DEFAULT_SYSTEM_PROMPTS[locale];
}

/** The JSON body POST /api/chat expects, built from the chat and the current settings. */
export function toChatRequestBody(messages: ChatMessage[], settings: ChatSettings, locale: Locale): ChatRequest {
  return {
    messages: messages
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: messageText(m) })),
    model: settings.model,
    system: effectiveSystemPrompt(settings, locale),
    temperature: settings.temperature,
    top_p: settings.topP,
    max_tokens: settings.maxTokens,
  };
}
