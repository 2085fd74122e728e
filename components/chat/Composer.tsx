'use client';

import {
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { AttachButton } from '@/components/attachments/AttachButton';
import { Button } from '@/components/ui/Button';
import { AttachmentTray, useAttachments } from '@/components/attachments/AttachmentTray';
import { addFiles, clearAttachments, readyDocuments } from '@/lib/client/attachments/pending';
import { draftStore } from '@/lib/client/chat/chat-session';
import { isSubmitEnter, isTouchKeyboard, TOUCH_QUERIES } from '@/lib/client/chat/ime';
import { fitToContent, supportsFieldSizing } from '@/lib/client/browser/autosize';
import { useMediaQuery } from '@/lib/client/browser/media-query';
import type { AttachedDocument } from '@/lib/client/chat/types';
import type { PublicVoiceConfig } from '@/lib/server/speech/transcription';

// Voice input loads after the page, in the browser only (it asks what the browser can do).
const VoiceInput = dynamic(() => import('./VoiceInput'), { ssr: false });

interface ComposerProps {
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
  // The hint follows the device's pointers (a tablet's keyboard cover can come and go).
  const coarse = useMediaQuery(TOUCH_QUERIES.coarse);
  const fine = useMediaQuery(TOUCH_QUERIES.fine);
  const touch = coarse && !fine;

  // Without field-sizing (Firefox, older Safari) the height follows the text from script.
  useLayoutEffect(() => {
    const el = textareaRef.current;
    if (el && !supportsFieldSizing(globalThis.CSS)) fitToContent(el);
  }, [draft]);

  function submit() {
    if (!canSend) return;
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
      <form
        onSubmit={onSubmit}
        className="relative rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <AttachmentTray />
        <div className="flex items-end gap-1 sm:gap-2">
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
            aria-describedby={['composer-hint', disabledReasonId, blockedReasonId].filter(Boolean).join(' ')}
            className="max-h-[13rem] min-h-10 min-w-0 flex-1 resize-none bg-transparent px-2 py-2 outline-none [field-sizing:content] focus-visible:outline-none"
          />
          <span id="composer-hint" className="sr-only">
            {t(touch ? 'sendHintTouch' : 'sendHint')}
          </span>
          {voice && (voice.browser || voice.server) && (
            <VoiceInput config={voice} textarea={textareaRef} disabled={disabled} />
          )}
          {busy ? (
            <Button variant="neutral" size="lg" data-testid="stop" onClick={onStop}>
              {t('stop')}
            </Button>
          ) : (
            <Button type="submit" variant="primary" size="lg" data-testid="send" disabled={!canSend}>
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
