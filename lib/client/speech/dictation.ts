/**
 * Dictated text into the draft (voice input, components/chat/VoiceInput.tsx, loaded lazily):
 * inserted at the caret (replacing a selection, as typing would), with a space only where two
 * Latin words would otherwise run together (Japanese has none), and the caret after it. Also what
 * voice input needs beside its state: the browser's recogniser, who hears the audio, and the
 * upload of a recording to the operator's transcription route.
 */
export type DictationLang = 'ja-JP' | 'en-US';

interface DraftStore {
  get(): string;
  set(value: string): void;
}

const WORD_END = /[\p{Script=Latin}\p{N}.,!?;:)\]"']$/u;
const WORD_START = /^[\p{Script=Latin}\p{N}(["']/u;

/** The draft with `text` put in at [start, end), and where the caret goes after it. */
export function withDictation(draft: string, text: string, start: number, end: number) {
  const before = draft.slice(0, start);
  const after = draft.slice(end);
  const lead = WORD_END.test(before) && WORD_START.test(text) ? ' ' : '';
  const trail = WORD_END.test(text) && WORD_START.test(after) ? ' ' : '';
  const value = before + lead + text + trail + after;
  return { value, caret: before.length + lead.length + text.length + trail.length };
}

export function insertDictation(text: string, field: HTMLTextAreaElement | null, draft: DraftStore): void {
  const current = draft.get();
  // The caret of the field showing the draft; at the end when there is none.
  const start = field ? Math.min(field.selectionStart, current.length) : current.length;
  const end = field ? Math.min(field.selectionEnd, current.length) : current.length;
  const { value, caret } = withDictation(current, text, start, end);
  draft.set(value);
  // A controlled field puts its caret at the end when its value changes: set it once React has rendered.
  if (field) requestAnimationFrame(() => field.setSelectionRange(caret, caret));
}

/** A recording format the browser makes and transcription servers read (Opus in WebM/Ogg, or MP4 in Safari). */
export function recordingMimeType(recorder: { isTypeSupported(type: string): boolean }): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find((type) =>
    recorder.isTypeSupported(type),
  );
}

/** What went wrong, as the message's key in the chat namespace. */
export type DictationError =
  | 'voicePermission'
  | 'voiceNoSpeech'
  | 'voiceNetwork'
  | 'voiceNoMicrophone'
  | 'voiceLanguage'
  | 'voiceTooLarge'
  | 'voiceBusy'
  | 'voiceFailed';

interface RecognitionResult {
  isFinal: boolean;
  0: { transcript: string };
}
/** The Web Speech API's recogniser, as far as voice input uses it. */
export interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((e: { resultIndex: number; results: ArrayLike<RecognitionResult> }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
export type RecognitionClass = new () => Recognition;

/** The browser's speech recogniser, if it has one. */
export function recognitionClass(): RecognitionClass | undefined {
  const w = window as unknown as { SpeechRecognition?: RecognitionClass; webkitSpeechRecognition?: RecognitionClass };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/** Who turns the audio into text: the browser's vendor for Web Speech, this site's operator otherwise. */
export function vendor(): 'google' | 'apple' | 'microsoft' | 'browser' {
  const ua = navigator.userAgent;
  if (/Edg\//.test(ua)) return 'microsoft';
  if (/Apple/.test(navigator.vendor) && !/CriOS|Chrome/.test(ua)) return 'apple';
  if (/Chrome|CriOS/.test(ua)) return 'google';
  return 'browser';
}

/** The recogniser's errors, as messages. */
export const RECOGNITION_ERRORS: Record<string, DictationError> = {
  'not-allowed': 'voicePermission',
  'service-not-allowed': 'voicePermission',
  'no-speech': 'voiceNoSpeech',
  network: 'voiceNetwork',
  'audio-capture': 'voiceNoMicrophone',
  'language-not-supported': 'voiceLanguage',
};

/**
 * A recording's text from the operator's transcription server (/api/transcribe), or what went
 * wrong: `voiceNetwork` when the server could not be reached (the recording can be sent again).
 */
export async function transcribe(
  blob: Blob,
  duration: number,
  lang: DictationLang,
): Promise<{ text: string } | { error: DictationError }> {
  const form = new FormData();
  form.set('file', blob, 'speech');
  form.set('language', lang.slice(0, 2));
  form.set('duration', duration.toFixed(1));
  let response: Response;
  try {
    response = await fetch('/api/transcribe', { method: 'POST', body: form });
  } catch {
    return { error: 'voiceNetwork' };
  }
  const body = (await response.json().catch(() => null)) as { text?: string; error?: { code?: string } } | null;
  if (response.ok && typeof body?.text === 'string') return { text: body.text.trim() };
  const code = body?.error?.code;
  return {
    error:
      code === 'payload_too_large'
        ? 'voiceTooLarge'
        : code === 'too_many_requests' || code === 'too_many_streams'
          ? 'voiceBusy'
          : 'voiceFailed',
  };
}
