import { parseChatError, type ChatError } from '@/lib/shared/ai/chat-error';

export type ClientChatError =
  | (ChatError & { field?: string })
  | { code: 'network'; detail?: string; field?: undefined; retryAfterSeconds?: undefined };

const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|network request failed/i;

/**
 * Turns what useChat reports into a typed error. A failed HTTP response arrives as an
 * Error whose message is the response body (our JSON); a stream error carries the
 * errorText our server wrote (also JSON); a dropped connection is a fetch TypeError.
 */
export function describeChatError(error: Error): ClientChatError {
  if (NETWORK_FAILURE.test(error.message)) return { code: 'network' };
  const parsed = parseChatError(error.message);
  return { ...parsed, field: fieldOf(error.message) };
}

function fieldOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { field?: unknown } };
    return typeof body.error?.field === 'string' ? body.error.field : undefined;
  } catch {
    return undefined;
  }
}
