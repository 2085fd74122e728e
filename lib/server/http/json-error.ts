import 'server-only';
import { httpStatusFor, type ChatErrorCode } from '@/lib/shared/ai/chat-error';

export interface JsonErrorBody {
  error: { code: ChatErrorCode; message: string; field?: string; [extra: string]: unknown };
}

/** A JSON error response `{ error: { code, message, field? } }`, its status derived from `code`. */
export function jsonError(
  code: ChatErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const body: JsonErrorBody = { error: { code, message, ...extra } };
  return Response.json(body, { status: httpStatusFor(code), headers });
}
