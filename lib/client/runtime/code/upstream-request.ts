import { STOP_SEQUENCES } from '@/lib/shared/model/profile';
import { chatRequestSchema, type ChatRequest } from '@/lib/shared/schemas/chat-request';
import { toChatRequestBody } from '@/lib/client/chat/chat-session';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';

export interface UpstreamMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The OpenAI-compatible body our server sends upstream (lib/server/ai/reply.ts via the AI SDK). */
export interface UpstreamChatRequest {
  model: string;
  messages: UpstreamMessage[];
  temperature: number;
  top_p: number;
  max_tokens: number;
  /** GPT-OSS's reasoning effort, for a model with that control (vLLM and NIM read it top-level). */
  reasoning_effort?: 'low' | 'medium' | 'high';
  /** Qwen3's thinking switch, for a model with that control. */
  chat_template_kwargs?: { enable_thinking: boolean };
  stop: string[];
  stream: true;
  stream_options: { include_usage: true };
}

/**
 * What the AI SDK's openai-compatible provider makes of a validated /api/chat request:
 * the trimmed system prompt first (left out when empty), the authors' stop token,
 * streaming with usage, and the model's reasoning control when it has one.
 */
export function toUpstreamRequest(request: ChatRequest): UpstreamChatRequest {
  const system = request.system.trim();
  return {
    model: request.model,
    messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...request.messages],
    temperature: request.temperature,
    top_p: request.top_p,
    max_tokens: request.max_tokens,
    ...(request.reasoning_effort ? { reasoning_effort: request.reasoning_effort } : {}),
    ...(request.chat_template_kwargs ? { chat_template_kwargs: request.chat_template_kwargs } : {}),
    stop: [...STOP_SEQUENCES],
    stream: true,
    stream_options: { include_usage: true },
  };
}

export interface SnippetRequestInput {
  messages: ChatMessage[];
  settings: ChatSettings;
  locale: Locale;
  /** The composer's text: sent as the next user message when there is one. */
  draft: string;
  /** Stands in for the next user message when there is no draft and the last turn is not the user's. */
  placeholder: string;
}

/**
 * The /api/chat body the app would send next: the conversation, the draft as the next message,
 * the system prompt, model and parameters. Built with the same body builder and the same
 * validation (which trims user messages) as a real send.
 */
export function snippetChatRequest({
  messages,
  settings,
  locale,
  draft,
  placeholder,
}: SnippetRequestInput): ChatRequest {
  const history = messages.filter((m) => m.role === 'user' || m.role === 'assistant');
  const next = draft.trim() || (history.at(-1)?.role === 'user' ? '' : placeholder);
  const turns: ChatMessage[] = next
    ? [...history, { id: 'next', role: 'user', parts: [{ type: 'text', text: next }] }]
    : history;
  const body = toChatRequestBody(turns, settings, locale);
  const parsed = chatRequestSchema.safeParse(body);
  return parsed.success ? parsed.data : body;
}
