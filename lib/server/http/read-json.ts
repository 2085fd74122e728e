import 'server-only';
import { MAX_BODY_BYTES } from './body-guard';
import { httpStatusFor, type ChatErrorCode } from '@/lib/shared/ai/chat-error';

/**
 * The largest request body the chat API reads (lib/server/http/body-guard.ts, where server.ts bounds
 * every path's body): 200 messages of chat history fit easily (a 8k-token window is ~30 KB of
 * Japanese), while a client cannot make the server buffer megabytes.
 */
export { MAX_BODY_BYTES };

export type ReadJsonResult = { ok: true; body: unknown } | { ok: false; response: Response };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body with limits: 415 unless the content type is JSON, 413 past
 * `maxBytes` (checked on Content-Length and again while reading, for chunked bodies),
 * 400 when it does not parse. The error names the problem in `field`.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<ReadJsonResult> {
  const type = req.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    return fail(
      'unsupported_media_type',
      `Send the body as application/json (got ${type.slice(0, 80) || 'no content type'})`,
      {
        field: 'content-type',
      },
    );
  }
  const tooLarge = () =>
    fail('payload_too_large', `The request body is larger than ${maxBytes} bytes`, { field: 'body', maxBytes });

  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();

  const bytes = await readLimited(req, maxBytes);
  if (bytes === 'too-large') return tooLarge();
  if (bytes === 'failed') return fail('invalid_request', 'The request body could not be read', { field: 'body' });

  try {
    return { ok: true, body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return fail('invalid_request', 'The request body is not valid JSON', { field: 'body' });
  }
}

/** The request body, read up to `maxBytes` counted while reading (a chunked body has no Content-Length). */
export async function readLimited(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | 'too-large' | 'failed'> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'failed';
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function fail(...args: Parameters<typeof jsonError>): ReadJsonResult {
  return { ok: false, response: jsonError(...args) };
}

/** 405 for a method the route does not serve, with the Allow header. */
export function methodNotAllowed(allow: string[]): Response {
  return jsonError(
    'method_not_allowed',
    `Use ${allow.join(', ')}`,
    { field: 'method', allow },
    { Allow: allow.join(', ') },
  );
}

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
