/**
 * Dictated text into the draft (voice input, components/chat/VoiceInput.tsx, loaded lazily):
 * inserted at the caret (replacing a selection, as typing would), with a space only where two
 * Latin words would otherwise run together (Japanese has none), and the caret after it.
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
