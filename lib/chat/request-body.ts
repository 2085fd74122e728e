import { DEFAULT_SYSTEM_PROMPTS } from '@/lib/ai/defaults';
import type { ChatRequest } from '@/lib/ai/schema';
import type { Locale } from '@/lib/i18n/routing';
import type { ChatMessage, ChatSettings } from './types';

export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function effectiveSystemPrompt(settings: ChatSettings, locale: Locale): string {
  return settings.systemPrompt ?? DEFAULT_SYSTEM_PROMPTS[locale];
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
