'use client';

import { useLayoutEffect, useRef, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { draftStore } from '@/lib/chat/chat-session';
import { isSubmitEnter } from '@/lib/chat/ime';
import { fitToContent, supportsFieldSizing } from '@/lib/browser/autosize';

interface ComposerProps {
  busy: boolean;
  disabled: boolean;
  disabledReasonId?: string;
  onSend: (text: string) => void;
  onStop: () => void;
}

export function Composer({ busy, disabled, disabledReasonId, onSend, onStop }: ComposerProps) {
  const t = useTranslations('chat');
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const canSend = !busy && !disabled && draft.trim().length > 0;
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  // Without field-sizing (Firefox, older Safari) the height follows the text from script.
  useLayoutEffect(() => {
    const el = textareaRef.current;
    if (el && !supportsFieldSizing(globalThis.CSS)) fitToContent(el);
  }, [draft]);

  function submit() {
    if (!canSend) return;
    // Emptied first: the draft kept for this (maybe new) conversation goes with the sent text.
    draftStore.set('');
    onSend(draft.trim());
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isSubmitEnter(e)) return;
    e.preventDefault();
    submit();
  }

  return (
    <form
      onSubmit={onSubmit}
      className="flex items-end gap-2 rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900"
    >
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
        rows={1}
        placeholder={t('composerPlaceholder')}
        aria-describedby={['composer-hint', disabledReasonId].filter(Boolean).join(' ')}
        className="max-h-[13rem] min-h-10 flex-1 resize-none bg-transparent px-2 py-2 outline-none [field-sizing:content] focus-visible:outline-none"
      />
      <span id="composer-hint" className="sr-only">
        {t('sendHint')}
      </span>
      {busy ? (
        <button
          type="button"
          data-testid="stop"
          onClick={onStop}
          className="min-h-11 rounded-xl bg-zinc-800 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-200 dark:text-zinc-900"
        >
          {t('stop')}
        </button>
      ) : (
        <button
          type="submit"
          data-testid="send"
          disabled={!canSend}
          className="min-h-11 rounded-xl bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-40"
        >
          {t('send')}
        </button>
      )}
    </form>
  );
}
