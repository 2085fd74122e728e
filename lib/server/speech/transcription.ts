import 'server-only';
import { jsonError, readLimited } from '@/lib/server/http/read-json';
import { splitCredentials } from '@/lib/server/ai/upstream';

type Env = Record<string, string | undefined>;

/** OpenAI's own cap on one transcription upload; also the ceiling of SWALLOW_STT_MAX_BYTES. */
export const STT_HARD_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_SECONDS = 120;
const DEFAULT_MODEL = 'whisper-1';
/** A transcription of two minutes of speech takes a few seconds; past this the server is not answering. */
const UPSTREAM_TIMEOUT_MS = 60_000;

/**
 * Speech-to-text by the operator's OpenAI-compatible server (`POST {base}/audio/transcriptions`,
 * e.g. a self-hosted Whisper): the browser records, this app forwards, the key stays here.
 */
export interface SttConfig {
  baseURL: string;
  apiKey?: string;
  basicAuth?: string;
  model: string;
  maxBytes: number;
  maxSeconds: number;
}

/** What the browser learns: whether the server transcribes, its caps, whether Web Speech may be used. */
export interface PublicVoiceConfig {
  server: { maxBytes: number; maxSeconds: number } | null;
  /** False when the operator keeps audio in-house (SWALLOW_STT_BROWSER=0): no browser vendor's recogniser. */
  browser: boolean;
}

const positive = (raw: string | undefined, fallback: number, max = Infinity) => {
  const value = Number(raw?.trim());
  return Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), max) : fallback;
};

export function resolveSttConfig(env: Env = process.env): SttConfig | null {
  const raw = env.SWALLOW_STT_BASE_URL?.trim();
  if (!raw) return null;
  const { baseURL, basicAuth } = splitCredentials(raw.replace(/\/+$/, ''));
  const apiKey = env.SWALLOW_STT_API_KEY?.trim() || undefined;
  return {
    baseURL,
    ...(apiKey ? { apiKey } : basicAuth ? { basicAuth } : {}),
    model: env.SWALLOW_STT_MODEL?.trim() || DEFAULT_MODEL,
    maxBytes: positive(env.SWALLOW_STT_MAX_BYTES, DEFAULT_MAX_BYTES, STT_HARD_MAX_BYTES),
    maxSeconds: positive(env.SWALLOW_STT_MAX_SECONDS, DEFAULT_MAX_SECONDS),
  };
}

export function publicVoiceConfig(env: Env = process.env): PublicVoiceConfig {
  const stt = resolveSttConfig(env);
  return {
    server: stt ? { maxBytes: stt.maxBytes, maxSeconds: stt.maxSeconds } : null,
    browser: !['0', 'false', 'off', 'no'].includes(env.SWALLOW_STT_BROWSER?.trim().toLowerCase() ?? ''),
  };
}

/** A page of another site may not spend the operator's transcription budget with a visitor's cookie. */
function crossSite(req: Request): Response | null {
  const site = req.headers.get('sec-fetch-site');
  if (!site || site === 'same-origin' || site === 'none') return null;
  return jsonError('cross_site_request', 'Audio must be sent from this site', { field: 'origin' });
}

const LANGUAGES = new Set(['ja', 'en']);

/**
 * One transcription: the multipart body (`file`: the audio, `language`: ja|en, `duration`: the
 * recording's seconds as the browser measured them) checked against the caps, forwarded, and the
 * text answered as `{ text }`. Every refusal is JSON naming the problem.
 */
export async function transcribe(req: Request, config: SttConfig | null = resolveSttConfig()): Promise<Response> {
  if (!config) {
    return jsonError('not_configured', 'Speech transcription is not configured: set SWALLOW_STT_BASE_URL');
  }
  const refused = crossSite(req);
  if (refused) return refused;
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return jsonError('unsupported_media_type', 'Send the audio as multipart/form-data', { field: 'body' });
  }
  // The multipart envelope adds a few hundred bytes to the audio.
  const limit = config.maxBytes + 16 * 1024;
  const declared = Number(req.headers.get('content-length'));
  const tooLarge = () =>
    jsonError('payload_too_large', `The recording is larger than ${config.maxBytes} bytes`, {
      field: 'file',
      maxBytes: config.maxBytes,
    });
  if (declared > limit) return tooLarge();
  const bytes = await readLimited(req, limit);
  if (bytes === 'too-large') return tooLarge();
  if (bytes === 'failed') return jsonError('invalid_request', 'The request body could not be read', { field: 'body' });

  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    return jsonError('invalid_request', 'The body is not valid multipart/form-data', { field: 'body' });
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) {
    return jsonError('invalid_request', 'No audio: send it in the "file" field', { field: 'file' });
  }
  if (file.size > config.maxBytes) return tooLarge();
  const mime = file.type.split(';')[0].trim().toLowerCase();
  if (!mime.startsWith('audio/') && mime !== 'video/webm') {
    return jsonError('unsupported_media_type', `Not audio: ${mime || 'no type'}`, { field: 'file' });
  }
  const duration = Number(form.get('duration'));
  if (Number.isFinite(duration) && duration > config.maxSeconds + 1) {
    return jsonError('payload_too_large', `The recording is longer than ${config.maxSeconds} seconds`, {
      field: 'duration',
      maxSeconds: config.maxSeconds,
    });
  }
  const language = String(form.get('language') ?? '');

  const upstream = new FormData();
  // Named by its type: servers (Whisper's among them) tell the format by the file's extension.
  upstream.set('file', file, `speech.${extension(mime)}`);
  upstream.set('model', config.model);
  if (LANGUAGES.has(language)) upstream.set('language', language);
  upstream.set('response_format', 'json');
  const headers: Record<string, string> = {};
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  else if (config.basicAuth) headers.authorization = `Basic ${Buffer.from(config.basicAuth).toString('base64')}`;

  let response: Response;
  try {
    response = await fetch(`${config.baseURL}/audio/transcriptions`, {
      method: 'POST',
      body: upstream,
      headers,
      signal: AbortSignal.any([req.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return timedOut
      ? jsonError('upstream_timeout', 'The transcription server did not answer in time')
      : jsonError('upstream_unreachable', 'The transcription server could not be reached');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return jsonError('upstream_error', `The transcription server answered ${response.status}`, {
      status: response.status,
    });
  }
  const body = (await response.json().catch(() => null)) as { text?: unknown } | null;
  if (typeof body?.text !== 'string') {
    return jsonError('upstream_error', 'The transcription server answered without text');
  }
  return Response.json({ text: body.text.trim() }, { headers: { 'cache-control': 'no-store' } });
}

function extension(mime: string): string {
  if (mime.includes('webm')) return 'webm';
  if (mime.includes('ogg')) return 'ogg';
  if (mime.includes('mp4') || mime.includes('m4a') || mime.includes('aac')) return 'm4a';
  if (mime.includes('wav')) return 'wav';
  if (mime.includes('mpeg') || mime.includes('mp3')) return 'mp3';
  return 'webm';
}
