import { sharePayloadSchema, SHARE_VERSION, type SharePayload } from './payload';

/**
 * Link format: `<version>.<base64url(deflate-raw(JSON))>`. deflate-raw is built into every
 * current browser and Node (CompressionStream), so no library ships for it; base64url needs no
 * escaping in a URL. Japanese is 3 bytes a character in UTF-8 and compresses well.
 */
export const MAX_ENCODED_CHARS = 8_000;
/** Cap on the inflated JSON: a small link must not expand into megabytes (decompression bomb). */
export const MAX_DECODED_BYTES = 96 * 1024;

export type ShareDecodeError =
  'too_long' | 'bad_version' | 'bad_encoding' | 'bad_compression' | 'too_large' | 'not_json' | 'wrong_shape';
export type ShareDecodeResult = { ok: true; payload: SharePayload } | { ok: false; error: ShareDecodeError };

export async function encodeShare(payload: SharePayload): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(sharePayloadSchema.parse(payload)));
  const compressed = await pipeThrough(json, new CompressionStream('deflate-raw'), Infinity);
  return `${SHARE_VERSION}.${toBase64Url(compressed)}`;
}

export async function decodeShare(encoded: string): Promise<ShareDecodeResult> {
  if (encoded.length > MAX_ENCODED_CHARS) return { ok: false, error: 'too_long' };
  const match = /^(\d+)\.([A-Za-z0-9_-]+)$/.exec(encoded.trim());
  if (!match) return { ok: false, error: 'bad_encoding' };
  if (Number(match[1]) !== SHARE_VERSION) return { ok: false, error: 'bad_version' };

  const bytes = fromBase64Url(match[2]);
  if (!bytes) return { ok: false, error: 'bad_encoding' };
  let inflated: Uint8Array;
  try {
    inflated = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES);
  } catch (error) {
    return { ok: false, error: error instanceof TooLarge ? 'too_large' : 'bad_compression' };
  }

  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return { ok: false, error: 'not_json' };
  }
  const parsed = sharePayloadSchema.safeParse(data);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, error: 'wrong_shape' };
}

class TooLarge extends Error {}

/** Runs bytes through a (de)compression stream, stopping as soon as the output passes `limit`. */
async function pipeThrough(
  input: Uint8Array,
  transform: TransformStream<BufferSource, Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  void writer.write(input as BufferSource).catch(() => {});
  void writer.close().catch(() => {});
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
