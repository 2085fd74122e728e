import type { ChatErrorCode } from '@/lib/ai/errors';

export interface JsonErrorBody {
  error: { code: ChatErrorCode; message: string; field?: string; [extra: string]: unknown };
}

/** A JSON error response: `{ error: { code, message, field? } }`. */
export function jsonError(
  status: number,
  code: ChatErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const body: JsonErrorBody = { error: { code, message, ...extra } };
  return Response.json(body, { status, headers });
}
