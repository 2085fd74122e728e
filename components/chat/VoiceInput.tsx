'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { Loader2, Mic, Square } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { Button, IconButton } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { draftStore } from '@/lib/client/chat/chat-session';
import {
  insertDictation,
  recognitionClass,
  RECOGNITION_ERRORS,
  recordingMimeType,
  transcribe,
  vendor,
  type DictationError,
  type DictationLang,
  type Recognition,
} from '@/lib/client/speech/dictation';
import type { PublicVoiceConfig } from '@/lib/server/speech/transcription';

/**
 * Voice input beside the composer (loaded after the page, only in the browser): the browser's
 * speech recognition where it has one and the operator allows it, else a recording sent to the
 * operator's transcription server (/api/transcribe). Recognised text goes into the draft at the
 * caret, never sent by itself; the draft is never replaced or cleared by anything here.
 */

type Mode = 'browser' | 'server';
type Phase = 'idle' | 'listening' | 'transcribing';

const LANG_KEY = 'swallow.voiceLang';

export default function VoiceInput({
  config,
  textarea,
  disabled,
}: {
  config: PublicVoiceConfig;
  textarea: RefObject<HTMLTextAreaElement | null>;
  disabled?: boolean;
}) {
  const t = useTranslations('chat');
  const locale = useLocale();
  const [mode] = useState<Mode | null>(() =>
    config.browser && recognitionClass()
      ? 'browser'
      : config.server &&
          typeof MediaRecorder !== 'undefined' &&
          typeof navigator.mediaDevices?.getUserMedia === 'function'
        ? 'server'
        : null,
  );
  const [lang, setLang] = useState<DictationLang>(() => {
    const saved = globalThis.localStorage?.getItem(LANG_KEY);
    return saved === 'ja-JP' || saved === 'en-US' ? saved : locale === 'ja' ? 'ja-JP' : 'en-US';
  });
  const [phase, setPhase] = useState<Phase>('idle');
  const [interim, setInterim] = useState('');
  const [error, setError] = useState<DictationError | null>(null);
  const [seconds, setSeconds] = useState(0);
  const recognition = useRef<Recognition | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  /** Final text recognised while the user is composing with an IME: inserted once that ends. */
  const pending = useRef<string[]>([]);
  const composing = useRef(false);
  /** A recording the server could not be reached with: sent again on "retry". */
  const unsent = useRef<{ blob: Blob; seconds: number; lang: DictationLang } | null>(null);

  // An IME composition in the composer is never touched: dictated text waits for it to end.
  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    const start = () => (composing.current = true);
    const end = () => {
      composing.current = false;
      // After the composition's own input event has put its text in the draft.
      setTimeout(flushPending, 0);
    };
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    return () => {
      el.removeEventListener('compositionstart', start);
      el.removeEventListener('compositionend', end);
    };
    // flushPending reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [textarea]);

  // Leaving the page (or the composer) stops listening; nothing recognised so far is lost.
  useEffect(
    () => () => {
      recognition.current?.abort();
      if (recorder.current?.state === 'recording') recorder.current.stop();
    },
    [],
  );

  if (!mode) return null;

  function insert(text: string) {
    if (!text.trim()) return;
    if (composing.current) pending.current.push(text);
    else insertDictation(text, textarea.current, draftStore);
  }
  function flushPending() {
    const texts = pending.current.splice(0);
    for (const text of texts) insertDictation(text, textarea.current, draftStore);
  }

  function startBrowser(useLang: DictationLang) {
    const Recognition = recognitionClass()!;
    const rec = new Recognition();
    recognition.current = rec;
    rec.lang = useLang;
    rec.continuous = true;
    rec.interimResults = true;
    let heard = '';
    rec.onresult = (e) => {
      let partial = '';
      for (let i = e.resultIndex; i < e.results.length; i++) {
        const result = e.results[i];
        if (result.isFinal) insert(result[0].transcript.trim());
        else partial += result[0].transcript;
      }
      heard = partial;
      setInterim(partial);
    };
    rec.onerror = (e) => {
      if (e.error !== 'aborted') setError(RECOGNITION_ERRORS[e.error] ?? 'voiceFailed');
    };
    rec.onend = () => {
      if (recognition.current !== rec) return;
      // Words still being recognised when it stopped are kept, not dropped.
      if (heard.trim()) insert(heard.trim());
      recognition.current = null;
      setInterim('');
      setPhase('idle');
    };
    setError(null);
    setInterim('');
    setPhase('listening');
    try {
      rec.start();
    } catch {
      recognition.current = null;
      setPhase('idle');
      setError('voiceFailed');
    }
  }

  async function startServer() {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      const name = e instanceof DOMException ? e.name : '';
      setError(name === 'NotAllowedError' || name === 'SecurityError' ? 'voicePermission' : 'voiceNoMicrophone');
      return;
    }
    const maxSeconds = config.server!.maxSeconds;
    const mimeType = recordingMimeType(MediaRecorder);
    const rec = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32_000 } : undefined);
    recorder.current = rec;
    const chunks: Blob[] = [];
    const startedAt = performance.now();
    const tick = setInterval(() => {
      const elapsed = (performance.now() - startedAt) / 1000;
      setSeconds(Math.floor(elapsed));
      if (elapsed >= maxSeconds && rec.state === 'recording') rec.stop();
    }, 250);
    const useLang = lang;
    rec.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    rec.onstop = () => {
      clearInterval(tick);
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      const blob = new Blob(chunks, { type: rec.mimeType || mimeType || 'audio/webm' });
      const duration = Math.min((performance.now() - startedAt) / 1000, maxSeconds);
      void upload(blob, duration, useLang);
    };
    setSeconds(0);
    setPhase('listening');
    rec.start(1000);
  }

  async function upload(blob: Blob, duration: number, useLang: DictationLang) {
    if (blob.size === 0) {
      setPhase('idle');
      setError('voiceNoSpeech');
      return;
    }
    if (blob.size > config.server!.maxBytes) {
      setPhase('idle');
      setError('voiceTooLarge');
      return;
    }
    setPhase('transcribing');
    unsent.current = null;
    const result = await transcribe(blob, duration, useLang);
    setPhase('idle');
    if ('text' in result) {
      if (result.text) insert(result.text);
      else setError('voiceNoSpeech');
    } else {
      // The network went away: the recording is kept to be sent again.
      if (result.error === 'voiceNetwork') unsent.current = { blob, seconds: duration, lang: useLang };
      setError(result.error);
    }
  }

  function toggle() {
    if (phase === 'listening') {
      if (mode === 'browser') recognition.current?.stop();
      else if (recorder.current?.state === 'recording') recorder.current.stop();
      return;
    }
    if (phase !== 'idle') return;
    if (mode === 'browser') startBrowser(lang);
    else void startServer();
  }

  function switchLang() {
    const next: DictationLang = lang === 'ja-JP' ? 'en-US' : 'ja-JP';
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page.
    }
    // Listening goes on in the new language (the browser's recogniser is started again).
    if (mode === 'browser' && recognition.current) {
      const old = recognition.current;
      recognition.current = null;
      old.onend = null;
      old.abort();
      startBrowser(next);
    }
  }

  const where = mode === 'server' ? t('voiceWhereServer') : t('voiceWhereBrowser', { vendor: vendor() });
  const listening = phase === 'listening';
  const open = phase !== 'idle' || error !== null;

  return (
    <>
      {open && (
        <div
          data-testid="voice-panel"
          className="absolute inset-x-0 bottom-full mb-2 flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {phase !== 'idle' && (
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span role="status" data-testid="voice-status" className="flex items-center gap-2 font-medium">
                {phase === 'transcribing' ? (
                  <Loader2 size={16} className="animate-spin motion-reduce:animate-none" aria-hidden />
                ) : (
                  <span
                    aria-hidden
                    className="size-2.5 animate-pulse rounded-full bg-red-600 motion-reduce:animate-none"
                  />
                )}
                {phase === 'transcribing'
                  ? t('voiceTranscribing')
                  : mode === 'server'
                    ? t('voiceRecording', {
                        time: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`,
                        max: `${Math.floor(config.server!.maxSeconds / 60)}:${String(config.server!.maxSeconds % 60).padStart(2, '0')}`,
                      })
                    : t('voiceListening')}
              </span>
              <span role="group" aria-label={t('voiceLangSwitch')} className="flex gap-1">
                {(['ja-JP', 'en-US'] as const).map((option) => (
                  <Button
                    key={option}
                    variant="ghost"
                    size="xs"
                    data-testid={`voice-lang-${option.slice(0, 2)}`}
                    lang={option.slice(0, 2)}
                    aria-pressed={lang === option}
                    onClick={() => lang !== option && switchLang()}
                    disabled={phase === 'transcribing' || (mode === 'server' && listening)}
                    className="aria-pressed:bg-zinc-200 aria-pressed:font-semibold dark:aria-pressed:bg-zinc-700"
                  >
                    {option === 'ja-JP' ? '日本語' : 'English'}
                  </Button>
                ))}
              </span>
            </div>
          )}
          {interim && (
            <p data-testid="voice-interim" className="text-zinc-600 italic dark:text-zinc-300">
              {interim}
            </p>
          )}
          {phase !== 'idle' && (
            <p data-testid="voice-privacy" className="text-xs text-zinc-500 dark:text-zinc-400">
              {where}
            </p>
          )}
          {error && (
            <Notice
              as="div"
              role="alert"
              tone="error"
              size="sm"
              data-testid="voice-error"
              onDismiss={() => {
                unsent.current = null;
                setError(null);
              }}
              dismissLabel={t('voiceDismiss')}
              action={
                unsent.current ? (
                  <Button
                    size="xs"
                    data-testid="voice-retry"
                    onClick={() => {
                      const again = unsent.current;
                      if (!again) return;
                      setError(null);
                      void upload(again.blob, again.seconds, again.lang);
                    }}
                  >
                    {t('voiceRetry')}
                  </Button>
                ) : undefined
              }
            >
              {t(error)} {t('voiceDraftKept')}
            </Notice>
          )}
        </div>
      )}
      <IconButton
        size="lg"
        data-testid="voice-input"
        data-mode={mode}
        data-state={phase}
        label={listening ? t('voiceStop') : t('voiceStart')}
        aria-pressed={listening}
        aria-describedby="voice-where"
        disabled={(disabled && !listening) || phase === 'transcribing'}
        icon={
          phase === 'transcribing' ? (
            <Loader2 size={20} className="animate-spin motion-reduce:animate-none" aria-hidden />
          ) : listening ? (
            <Square size={18} strokeWidth={2} aria-hidden className="text-red-600 dark:text-red-400" />
          ) : (
            <Mic size={20} strokeWidth={2} aria-hidden />
          )
        }
        onClick={toggle}
        className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white"
      />
      <span id="voice-where" className="sr-only">
        {where}
      </span>
    </>
  );
}
