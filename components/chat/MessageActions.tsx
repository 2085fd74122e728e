'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useSyncExternalStore, type ReactNode } from 'react';
import { Square, Volume2 } from 'lucide-react';
import { Button, IconButton } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';

/**
 * A message's actions are quiet buttons (components/ui/Button): 44 px icons on phones (the label
 * is their name and tooltip), 28 px high with icon and label from `sm` up.
 */
export const messageActionClass = 'hover:text-zinc-900 dark:hover:text-white sm:h-7';
export const messageActionLabelClass = 'sr-only sm:not-sr-only';
export const MESSAGE_ICON_PROPS = { size: 14, strokeWidth: 2, 'aria-hidden': true } as const;

export function MessageAction({
  testId,
  onClick,
  icon,
  state,
  children,
}: {
  testId: string;
  onClick: () => void;
  icon: ReactNode;
  /** A toggle's state (read aloud: `playing`), as `data-state`. */
  state?: string;
  /** The visible label, and so the accessible name (shown as a tooltip where only the icon is). */
  children: string;
}) {
  return (
    <Button
      variant="ghost"
      size="xs"
      data-testid={testId}
      data-state={state}
      title={children}
      onClick={onClick}
      icon={icon}
      className={messageActionClass}
    >
      <span className={messageActionLabelClass}>{children}</span>
    </Button>
  );
}

/**
 * "‹ 2 / 3 ›" on a message with versions (issue #34): the arrows show the version before or after,
 * with what followed it. At either end, and while a reply streams, an arrow does nothing but
 * keeps its place and focus (aria-disabled), so the keyboard can go on from it.
 */
export function VersionSwitch({
  index,
  count,
  busy,
  onSwitch,
}: {
  /** 0-based. */
  index: number;
  count: number;
  busy: boolean;
  onSwitch: (delta: -1 | 1) => void;
}) {
  const t = useTranslations('chat');
  const arrow = (delta: -1 | 1) => {
    const off = busy || index + delta < 0 || index + delta >= count;
    return (
      <IconButton
        data-testid={delta < 0 ? 'version-prev' : 'version-next'}
        label={t(delta < 0 ? 'versionPrev' : 'versionNext')}
        icon={delta < 0 ? <ChevronLeft {...MESSAGE_ICON_PROPS} /> : <ChevronRight {...MESSAGE_ICON_PROPS} />}
        aria-disabled={off || undefined}
        onClick={() => !off && onSwitch(delta)}
        className="aria-disabled:cursor-not-allowed aria-disabled:opacity-40"
      />
    );
  };
  return (
    <div
      role="group"
      data-testid="version-switch"
      aria-label={t('versionOf', { index: index + 1, count })}
      className="inline-flex items-center text-xs tabular-nums text-zinc-500 dark:text-zinc-400"
    >
      {arrow(-1)}
      <span aria-hidden className="px-0.5">{`${index + 1} / ${count}`}</span>
      {arrow(1)}
    </div>
  );
}

/**
 * Read aloud: which reply is being spoken (one at a time), and whether the browser can speak at
 * all (speech synthesis with at least one voice; Chrome lists its voices a moment after load).
 * The player itself (lib/client/speech/read-aloud.ts) is loaded on the first tap.
 */
let speakingId: string | null = null;
const speakingListeners = new Set<() => void>();
function setSpeaking(id: string | null) {
  speakingId = id;
  for (const listener of speakingListeners) listener();
}
function subscribeSpeaking(listener: () => void) {
  speakingListeners.add(listener);
  return () => void speakingListeners.delete(listener);
}
function subscribeVoices(listener: () => void) {
  globalThis.speechSynthesis?.addEventListener?.('voiceschanged', listener);
  return () => globalThis.speechSynthesis?.removeEventListener?.('voiceschanged', listener);
}
function stopSpeaking() {
  setSpeaking(null);
  globalThis.speechSynthesis?.cancel();
}
const canSpeak = () => (globalThis.speechSynthesis?.getVoices().length ?? 0) > 0;

export function ReadAloudButton({ id, text }: { id: string; text: string }) {
  const t = useTranslations('chat');
  const available = useSyncExternalStore(subscribeVoices, canSpeak, () => false);
  const playing = useSyncExternalStore(
    subscribeSpeaking,
    () => speakingId === id,
    () => false,
  );
  // A reply that goes away (deleted, another chat opened) stops speaking.
  useEffect(() => () => void (speakingId === id && stopSpeaking()), [id]);
  if (!available) return null;

  async function play() {
    setSpeaking(id);
    const { readAloud } = await import('@/lib/client/speech/read-aloud');
    if (speakingId === id) readAloud(text, () => speakingId === id && setSpeaking(null));
  }
  return (
    <MessageAction
      testId="read-aloud"
      state={playing ? 'playing' : 'idle'}
      icon={playing ? <Square {...MESSAGE_ICON_PROPS} /> : <Volume2 {...MESSAGE_ICON_PROPS} />}
      onClick={playing ? stopSpeaking : () => void play()}
    >
      {t(playing ? 'readAloudStop' : 'readAloud')}
    </MessageAction>
  );
}

/** Inline editor for an earlier user message: saving resends the conversation from there. */
export function MessageEditor({
  initial,
  laterCount,
  onSave,
  onCancel,
}: {
  initial: string;
  /** Messages after this one: saving replaces them, which the editor says before it is saved. */
  laterCount: number;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('chat');
  const warningId = useId();
  return (
    <form
      className="flex w-full flex-col gap-2 sm:max-w-[85%]"
      onSubmit={(e) => {
        e.preventDefault();
        const text = new FormData(e.currentTarget).get('text');
        if (typeof text === 'string' && text.trim()) onSave(text);
      }}
    >
      <label className="sr-only" htmlFor="message-edit">
        {t('editLabel')}
      </label>
      <textarea
        id="message-edit"
        name="text"
        data-testid="message-edit-input"
        defaultValue={initial}
        rows={3}
        autoFocus
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        aria-describedby={laterCount > 0 ? warningId : undefined}
        className="w-full rounded-xl border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {laterCount > 0 && (
        <Notice id={warningId} data-testid="message-edit-warning" tone="warning" size="sm">
          {t('editReplaces', { count: laterCount })}
        </Notice>
      )}
      <div className="flex justify-end gap-2">
        <Button data-testid="message-edit-cancel" onClick={onCancel}>
          {t('editCancel')}
        </Button>
        <Button type="submit" variant="primary" data-testid="message-edit-save">
          {t('editSave')}
        </Button>
      </div>
    </form>
  );
}
