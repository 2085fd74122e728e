'use client';

import {
  startTransition,
  useEffect,
  useSyncExternalStore,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type ComponentProps,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { AttachButton, AttachmentTray, useAttachments } from '@/components/attachments/AttachmentTray';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { isOnline, isOnlineOnServer, subscribeOnline } from '@/lib/client/browser/online';
import { addFiles, clearAttachments, readyDocuments } from '@/lib/client/attachments/pending';
import { draftStore } from '@/lib/client/chat/chat-session';
import type { AttachedDocument } from '@/lib/client/chat/types';
import type { PublicVoiceConfig } from '@/lib/server/speech/transcription';

/**
 * The composer grows with its text up to a cap, then scrolls. CSS `field-sizing: content` does
 * that by itself (Chromium 123+, Safari 26.2+); elsewhere the height is set from scrollHeight on
 * each change. The cap is the element's CSS max-height either way.
 */
export function supportsFieldSizing(css: { supports?: (property: string, value: string) => boolean } | undefined) {
  return Boolean(css?.supports?.('field-sizing', 'content'));
}

interface Growable {
  scrollHeight: number;
  style: { height: string };
}

/** Sizes a textarea to its content (the CSS max-height caps it; beyond that it scrolls). */
export function fitToContent(el: Growable): void {
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight}px`;
}

/** Whether a media query matches, following its changes; false while rendering on the server. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
}

/**
 * True when Enter should send. Enter that confirms an IME conversion never sends:
 * Chrome/Firefox report isComposing, Safari fires compositionend first and then a
 * keydown with keyCode 229.
 *
 * On a touch keyboard (`touch`) there is no Shift to hold for a new line, so Enter makes a new
 * line and the send button sends, as in ChatGPT, Claude and Gemini on phones; Ctrl/⌘+Enter still
 * sends (a hardware keyboard on a tablet). On a desktop Enter sends and Shift+Enter is a new line.
 */
export function isSubmitEnter(e: EnterKeyEvent, touch = false): boolean {
  if (e.key !== 'Enter' || e.shiftKey) return false;
  if (e.nativeEvent.isComposing || e.keyCode === 229) return false;
  if (touch) return Boolean(e.ctrlKey || e.metaKey);
  return true;
}

/** The primary pointer is a finger and there is no mouse or trackpad at all: a phone or a bare tablet. */
export const TOUCH_QUERIES = { coarse: '(pointer: coarse)', fine: '(any-pointer: fine)' } as const;

interface MediaMatcher {
  matchMedia?: (query: string) => { matches: boolean };
}

/** True on a device whose keyboard is the on-screen one (see TOUCH_QUERIES). */
export function isTouchKeyboard(win: MediaMatcher | undefined = globalThis as MediaMatcher): boolean {
  if (!win?.matchMedia) return false;
  return win.matchMedia(TOUCH_QUERIES.coarse).matches && !win.matchMedia(TOUCH_QUERIES.fine).matches;
}

// Voice input loads after the page, in the browser only (it asks what the browser can do).
const VoiceInput = dynamic(() => import('./VoiceInput'), { ssr: false });

/**
 * Voice input is put in once the composer has hydrated, in a transition: React then renders it
 * (and runs its module) in slices it can interrupt. Rendered with the page, a part the server
 * skipped (`ssr: false`) is rendered by the browser right after hydration in one blocking render
 * (issue #35 item 5).
 */
function VoiceInputAfterHydration(props: ComponentProps<typeof VoiceInput>) {
  const [shown, setShown] = useState(false);
  useEffect(() => startTransition(() => setShown(true)), []);
  return shown ? <VoiceInput {...props} /> : null;
}

/**
 * How Enter works here, for screen readers (the composer's description). It follows the device's
 * pointers (a tablet's keyboard cover can come and go). Its own component: the server cannot know
 * them, and only this renders again when the browser does (not the whole composer, after every load).
 */
function SendHint({ id }: { id: string }) {
  const t = useTranslations('chat');
  const coarse = useMediaQuery(TOUCH_QUERIES.coarse);
  const fine = useMediaQuery(TOUCH_QUERIES.fine);
  return (
    <span id={id} className="sr-only">
      {t(coarse && !fine ? 'sendHintTouch' : 'sendHint')}
    </span>
  );
}

export interface ComposerProps {
  busy: boolean;
  disabled: boolean;
  disabledReasonId?: string;
  /** Set while the next request cannot be sent as it is (over the context window): why, by id. */
  blockedReasonId?: string;
  onSend: (text: string, documents: AttachedDocument[]) => void;
  onStop: () => void;
  /** Under the composer: the context meter. */
  footer?: ReactNode;
  /** How dictation may work here (the browser's recogniser, the operator's server); none: no button. */
  voice?: PublicVoiceConfig;
}

export function Composer({
  busy,
  disabled,
  disabledReasonId,
  blockedReasonId,
  onSend,
  onStop,
  footer,
  voice,
}: ComposerProps) {
  const t = useTranslations('chat');
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const attachments = useAttachments();
  const reading = attachments.items.some((item) => item.status === 'reading');
  const documents = useMemo(() => readyDocuments(attachments), [attachments]);
  const canSend =
    !busy && !disabled && !blockedReasonId && !reading && (draft.trim().length > 0 || documents.length > 0);

  const textareaRef = useRef<HTMLTextAreaElement>(null);

  // Text typed into the server's HTML before the page's code ran (a slow phone): React leaves it
  // on screen but not in the draft, and the next render would empty it. Taken into the draft.
  useLayoutEffect(() => {
    const typed = textareaRef.current?.value;
    if (typed && !draftStore.get()) draftStore.set(typed);
  }, []);

  // Without field-sizing (Firefox, older Safari) the height follows the text from script.
  useLayoutEffect(() => {
    const el = textareaRef.current;
    if (el && !supportsFieldSizing(globalThis.CSS)) fitToContent(el);
  }, [draft]);

  // Offline (the browser says so): sending stops before anything leaves the composer, and says why.
  const online = useSyncExternalStore(subscribeOnline, isOnline, isOnlineOnServer);
  const [offlineTried, setOfflineTried] = useState(false);

  function submit() {
    if (!canSend) return;
    if (!navigator.onLine) {
      setOfflineTried(true);
      return;
    }
    setOfflineTried(false);
    // Emptied first: the draft kept for this (maybe new) conversation goes with the sent text.
    draftStore.set('');
    clearAttachments();
    onSend(draft.trim(), documents);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // Asked at the key press: the on-screen keyboard makes a new line on Enter, the button sends.
    if (!isSubmitEnter(e, isTouchKeyboard(window))) return;
    e.preventDefault();
    submit();
  }

  // Pasted files are attached; pasted text goes into the draft as always.
  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...e.clipboardData.files];
    if (files.length === 0 || disabled) return;
    e.preventDefault();
    void addFiles(files);
  }

  return (
    <div>
      <div role="status" className="empty:hidden">
        {!online && (
          <Notice id="offline-notice" data-testid="offline-notice" tone="warning" size="sm" className="mb-1">
            {t(offlineTried ? 'offlineNotSent' : 'offline')}
          </Notice>
        )}
      </div>
      <form
        onSubmit={onSubmit}
        className="relative rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <AttachmentTray />
        {/* Below 360 px the message box takes the first row, the buttons the second, so the box keeps
            room for its placeholder beside attach, voice and send (e2e/reply-errors.spec.ts). */}
        <div className="flex items-end gap-1 max-[359px]:flex-wrap sm:gap-2">
          <AttachButton disabled={disabled} />
          <label htmlFor="composer" className="sr-only">
            {t('composerLabel')}
          </label>
          <textarea
            ref={textareaRef}
            id="composer"
            data-testid="composer"
            value={draft}
            onChange={(e) => draftStore.set(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            rows={1}
            placeholder={t('composerPlaceholder')}
            aria-describedby={['composer-hint', disabledReasonId, blockedReasonId, !online && 'offline-notice']
              .filter(Boolean)
              .join(' ')}
            className="max-h-[13rem] min-h-10 min-w-0 flex-1 resize-none max-[359px]:order-first max-[359px]:basis-full bg-transparent px-2 py-2 outline-none [field-sizing:content] focus-visible:outline-none"
          />
          <SendHint id="composer-hint" />
          {voice && (voice.browser || voice.server) && (
            <VoiceInputAfterHydration config={voice} textarea={textareaRef} disabled={disabled} />
          )}
          {busy ? (
            <Button variant="neutral" size="lg" data-testid="stop" onClick={onStop} className="max-[359px]:ml-auto">
              {t('stop')}
            </Button>
          ) : (
            <Button
              type="submit"
              variant="primary"
              size="lg"
              data-testid="send"
              disabled={!canSend}
              className="max-[359px]:ml-auto"
            >
              {t('send')}
            </Button>
          )}
        </div>
      </form>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0 flex-1">{footer}</div>
        {/* Where a keyboard has Shift: how to make a new line (Enter sends). Phones: Enter is a new line. */}
        <p
          aria-hidden
          data-testid="composer-newline-hint"
          className="hidden shrink-0 px-2 pt-1 text-xs text-zinc-500 dark:text-zinc-400 pointer-fine:sm:block"
        >
          {t('newlineHint')}
        </p>
      </div>
    </div>
  );
}
