'use client';

import {
  ChevronLeft,
  ChevronRight,
  ImageDown,
  Square,
  Volume2,
  ArrowRight,
  Gauge,
  Pencil,
  RefreshCw,
  Timer,
  Trash2,
  type LucideIcon,
} from 'lucide-react';
import { useTranslations, useFormatter } from 'next-intl';
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  type RefObject,
  useSyncExternalStore,
  memo,
  useState,
  type ReactNode,
} from 'react';
import { Button, IconButton } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import clsx from 'clsx';
import { AlternativeReply } from '@/components/compare/AlternativeReply';
import { LazyMarkdown } from '@/components/markdown/LazyMarkdown';
import { LongText } from '@/components/markdown/LongMarkdown';
import { SentDocuments } from '@/components/attachments/AttachmentTray';
import { CopyButton } from '@/components/ui/CopyButton';
import {
  messageDocuments,
  messageReasoning,
  messageText,
  tokensPerSecond,
  type ReplyStatus,
} from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { createStore } from '@/lib/client/chat/external-store';
import { whenNearView } from '@/lib/client/browser/near-view';
import { ChatErrorNotice } from './ChatErrorNotice';

/**
 * A message's actions are quiet buttons (components/ui/Button): 44 px icons on phones (the label
 * is their name and tooltip), 28 px high with icon and label from `sm` up.
 */
export const messageActionClass = 'hover:text-zinc-900 dark:hover:text-white sm:h-7';
export const messageActionLabelClass = 'sr-only sm:not-sr-only';
export const MESSAGE_ICON_PROPS = { size: 14, strokeWidth: 2, 'aria-hidden': true } as const;

/**
 * Whether a part of the list is near the view, for what it shows only there. True at once for
 * one that is not `far`, and from when a far one first comes within a screen of the view; then
 * it stays so. A message (its Markdown, the text as typed until then, and its actions' icons) is
 * measured only while its block (`within`) is near: both are `content-visibility: auto`
 * (app/globals.css), and reading the position of something inside a skipped box would lay that
 * box out. A block far from the view shows its messages' text alone until then (FarRows).
 * Issue #35: a conversation opens at its end, so opening 500 messages renders in full those in
 * view, not all.
 */
export function useNearView(far: boolean, ref: RefObject<HTMLElement | null>, within?: string): boolean {
  const [near, setNear] = useState(() => !far);
  // Not far once (among the newest): near for good, also when newer messages push it back.
  if (!far && !near) setNear(true);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    return whenNearView(element, () => setNear(true), within ? element.closest(within) : null);
  }, [near, ref, within]);
  return near || !far;
}

/**
 * Set inside a message far from the view (useNearView): its actions are all there, with their
 * names (Tab and screen readers reach them), but without their icons until it comes near. The
 * icons of 500 messages' actions were ~2,500 SVG elements to create on opening (issue #35).
 */
const FarMessage = createContext(false);

/** A message action's icon (none while the message is far from the view). */
function ActionIcon({ icon: Icon, size = MESSAGE_ICON_PROPS.size }: { icon: LucideIcon; size?: number }) {
  return useContext(FarMessage) ? null : <Icon {...MESSAGE_ICON_PROPS} size={size} />;
}

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
        icon={delta < 0 ? <ActionIcon icon={ChevronLeft} /> : <ActionIcon icon={ChevronRight} />}
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
const speaking = createStore<string | null>(null);
function subscribeVoices(listener: () => void) {
  globalThis.speechSynthesis?.addEventListener?.('voiceschanged', listener);
  return () => globalThis.speechSynthesis?.removeEventListener?.('voiceschanged', listener);
}
function stopSpeaking() {
  speaking.set(null);
  globalThis.speechSynthesis?.cancel();
}
const canSpeak = () => (globalThis.speechSynthesis?.getVoices().length ?? 0) > 0;

export function ReadAloudButton({ id, text }: { id: string; text: string }) {
  const t = useTranslations('chat');
  const available = useSyncExternalStore(subscribeVoices, canSpeak, () => false);
  const playing = useSyncExternalStore(
    speaking.subscribe,
    () => speaking.get() === id,
    () => false,
  );
  // A reply that goes away (deleted, another chat opened) stops speaking.
  useEffect(() => () => void (speaking.get() === id && stopSpeaking()), [id]);
  if (!available) return null;

  async function play() {
    speaking.set(id);
    const { readAloud } = await import('@/lib/client/speech/read-aloud');
    if (speaking.get() === id) readAloud(text, () => speaking.get() === id && speaking.set(null));
  }
  return (
    <MessageAction
      testId="read-aloud"
      state={playing ? 'playing' : 'idle'}
      icon={playing ? <ActionIcon icon={Square} /> : <ActionIcon icon={Volume2} />}
      onClick={playing ? stopSpeaking : () => void play()}
    >
      {t(playing ? 'readAloudStop' : 'readAloud')}
    </MessageAction>
  );
}

/**
 * A reply as a PNG, with the question it answers (for posting); html-to-image and the exporter
 * load on the first tap. A failure says so on the button until the next try.
 */
function ReplyImageButton({ id }: { id: string }) {
  const t = useTranslations('chat');
  const [state, setState] = useState<'idle' | 'working' | 'failed'>('idle');
  async function save() {
    setState('working');
    try {
      const [{ replyImage }, { downloadBlob }] = await Promise.all([
        import('@/lib/client/export/conversation-export'),
        import('@/lib/client/browser/download'),
      ]);
      const reply = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
      if (!reply) throw new Error('The reply is not shown');
      downloadBlob(`swallow-chat-reply-${id}.png`, await replyImage(reply));
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <MessageAction
      testId="reply-export-image"
      state={state}
      icon={<ActionIcon icon={ImageDown} />}
      onClick={() => void (state !== 'working' && save())}
    >
      {t(state === 'failed' ? 'replyImageFailed' : 'replyImage')}
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

/**
 * What every message of the list shares and changes with the list, not with the message: whether
 * a reply is streaming, and how many messages there are. Read only where it is shown (a version
 * switch, an open editor), so a reply that starts or ends, or a message added, re-renders those
 * and not each of a long conversation's hundreds of messages (issue #35: at 500 messages that
 * was a task of 200-360 ms as a reply began and another as it ended).
 */
export const MessageListState = createContext<{ busy: boolean; count: number }>({ busy: false, count: 0 });

/**
 * The list's group name; with its `data-busy` while a reply streams, MessageItem hides the
 * actions offered only when idle by CSS (kept in the page, not re-rendered).
 */
export const MESSAGE_LIST_GROUP = 'group/messages';

function ListVersionSwitch(props: Omit<Parameters<typeof VersionSwitch>[0], 'busy'>) {
  const { busy } = useContext(MessageListState);
  return <VersionSwitch {...props} busy={busy} />;
}

function ListMessageEditor({
  index,
  ...props
}: Omit<Parameters<typeof MessageEditor>[0], 'laterCount'> & { index: number }) {
  const { count } = useContext(MessageListState);
  return <MessageEditor {...props} laterCount={Math.max(0, count - index - 1)} />;
}

export interface MessageHandlers {
  onEdit: (id: string, text: string) => void;
  onDelete: (id: string) => void;
  onRegenerate: (id: string) => void;
  onContinue: () => void;
  /** Retry of a failed turn: clears the error and asks for the reply again. */
  onRetry: () => void;
  /** Shows the version before (-1) or after (1) of a message (lib/client/chat/versions.ts). */
  onSwitchVersion: (id: string, delta: -1 | 1) => void;
}

interface MessageItemProps extends MessageHandlers {
  message: ChatMessage;
  status: ReplyStatus;
  isLast: boolean;
  /** Far from the conversation's end: its Markdown waits until it comes near the view. */
  deferred?: boolean;
  /** Its place in the list (an edit replaces the messages after it). */
  index: number;
  /** Set on a reply whose turn failed: its error is shown inside it, under any text so far. */
  error?: Error;
  /** The error has just happened (the chat's own): it counts down a wait and is scrolled into view. */
  liveError?: boolean;
  /** Which of its versions this is (0-based) and how many it has; none when it has one. */
  versionIndex?: number;
  versionCount?: number;
}

const itemClass = (isUser: boolean) => clsx('group flex flex-col gap-1', isUser ? 'items-end' : 'items-start');

/** A message's bubble; `bare` for a reply that is only its error card. */
const bubbleClass = (isUser: boolean, bare = false) =>
  clsx(
    'max-w-full rounded-2xl',
    bare ? 'px-0 py-0' : 'px-4 py-3',
    isUser
      ? 'whitespace-pre-wrap bg-brand-50 text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50 sm:max-w-[85%]'
      : 'w-full',
  );

/**
 * The messages of a block far from the view (MessageList): each one's text as typed, in its
 * bubble, so find-in-page and screen readers reach every message in order, without its actions,
 * documents, versions or Markdown until the block comes within a screen of the view (the visitor
 * scrolls, Home, a print or an image export). Plain elements, no component per message:
 * 450 full messages were ~5,000 DOM nodes and most of the main thread's work of opening a
 * 500-message conversation (issue #35).
 */
export function FarRows({ messages, from, to }: { messages: ChatMessage[]; from: number; to: number }) {
  const t = useTranslations('chat');
  const [you, assistant] = [t('you'), t('assistant')];
  const rows: ReactNode[] = [];
  for (let index = from; index < to; index++) {
    const message = messages[index];
    const isUser = message.role === 'user';
    const text = messageText(message);
    rows.push(
      <div
        key={index === 0 ? '' : messages[index - 1].id}
        role="listitem"
        data-testid={isUser ? 'message-user' : 'message-assistant'}
        data-message-id={message.id}
        data-far=""
        className={itemClass(isUser)}
      >
        <span className="sr-only">{isUser ? you : assistant}</span>
        {text && (
          <div className={bubbleClass(isUser)}>
            {isUser ? (
              <LongText text={text} />
            ) : (
              <div className="prose-chat whitespace-pre-wrap" data-markdown="pending">
                <LongText text={text} />
              </div>
            )}
          </div>
        )}
      </div>,
    );
  }
  return rows;
}

export const MessageItem = memo(function MessageItem({
  message,
  status,
  isLast,
  deferred = false,
  index,
  error,
  liveError = false,
  versionIndex = 0,
  versionCount = 1,
  onEdit,
  onDelete,
  onRegenerate,
  onContinue,
  onRetry,
  onSwitchVersion,
}: MessageItemProps) {
  const t = useTranslations('chat');
  const root = useRef<HTMLDivElement>(null);
  const near = useNearView(deferred, root, '[data-message-block]');
  const [editing, setEditing] = useState(false);
  /** A user message's actions, shown after a tap on it (touch screens). */
  const [revealed, setRevealed] = useState(false);
  const text = messageText(message);
  const reasoning = message.role === 'assistant' ? messageReasoning(message) : '';
  const isUser = message.role === 'user';
  const documents = isUser ? messageDocuments(message) : [];
  const interrupted = message.metadata?.state === 'interrupted';
  const versions = versionCount > 1 && !editing && (
    <ListVersionSwitch
      index={versionIndex}
      count={versionCount}
      onSwitch={(delta) => onSwitchVersion(message.id, delta)}
    />
  );

  return (
    <div
      ref={root}
      role="listitem"
      data-testid={isUser ? 'message-user' : 'message-assistant'}
      data-message-id={message.id}
      data-status={isUser ? undefined : status}
      data-interrupted={interrupted || undefined}
      className={itemClass(isUser)}
    >
      <FarMessage value={!near}>
        <span className="sr-only">{isUser ? t('you') : t('assistant')}</span>
        {documents.length > 0 && <SentDocuments documents={documents} />}
        {editing ? (
          <ListMessageEditor
            initial={text}
            index={index}
            onCancel={() => setEditing(false)}
            onSave={(edited) => {
              setEditing(false);
              onEdit(message.id, edited);
            }}
          />
        ) : isUser && !text ? null : (
          <div
            onClick={isUser ? () => setRevealed((shown) => !shown) : undefined}
            // A reply that failed before its first token is only its error card.
            className={bubbleClass(isUser, !isUser && !text && !reasoning && !!error)}
          >
            {reasoning && <Reasoning text={reasoning} thinking={status === 'streaming' && !text} />}
            {isUser ? (
              <LongText text={text} />
            ) : text ? (
              <LazyMarkdown text={text} streaming={status === 'streaming'} deferred={!near} />
            ) : status === 'streaming' && !reasoning ? (
              <span className="animate-pulse text-zinc-500 dark:text-zinc-400">{t('thinking')}</span>
            ) : null}
            {error && (
              <div className={text ? 'mt-3' : undefined}>
                <ChatErrorNotice
                  error={error}
                  live={liveError}
                  onRetry={isLast ? onRetry : () => onRegenerate(message.id)}
                />
              </div>
            )}
          </div>
        )}
        {message.metadata?.compared && <AlternativeReply compared={message.metadata.compared} />}
        {/* A user message's versions show with it, also where its actions wait for a tap. */}
        {isUser && versions}
        <div
          data-testid="message-actions"
          className={clsx(
            'flex flex-wrap items-center gap-1 px-2 text-xs text-zinc-500 dark:text-zinc-400',
            // A user message's actions show on hover or keyboard focus (desktop), on a tap of the
            // message (touch); hidden, they stay in the page, reachable by Tab and screen readers.
            isUser &&
              !revealed &&
              'focus-within:opacity-100 group-hover:opacity-100 [@media(hover:hover)]:opacity-0 [@media(hover:none)]:h-0 [@media(hover:none)]:overflow-hidden [@media(hover:none)]:focus-within:h-auto',
          )}
        >
          {!isUser && versions}
          {status === 'stopped' && !interrupted && <span data-testid="reply-stopped">{t('stopped')}</span>}
          {interrupted && <span data-testid="reply-interrupted">{t('interrupted')}</span>}
          {!isUser && <ReplyMetrics message={message} />}
          {status !== 'streaming' && text && (
            <CopyButton
              text={() => text}
              label={t('copy')}
              copiedLabel={t('copied')}
              testId="copy-message"
              withIcon={near}
              className={messageActionClass}
              labelClassName={messageActionLabelClass}
            />
          )}
          {!isUser && status !== 'streaming' && text && <ReadAloudButton id={message.id} text={text} />}
          {!isUser && status !== 'streaming' && text && <ReplyImageButton id={message.id} />}
          {/* Offered only while no reply streams: hidden by the list's data-busy (MessageListState). */}
          {!editing && (
            <span className="contents group-data-busy/messages:hidden">
              {isUser && (
                <MessageAction
                  testId="message-edit"
                  icon={<ActionIcon icon={Pencil} />}
                  onClick={() => setEditing(true)}
                >
                  {t('edit')}
                </MessageAction>
              )}
              {!isUser && status !== 'error' && (
                <MessageAction
                  testId="regenerate"
                  icon={<ActionIcon icon={RefreshCw} />}
                  onClick={() => onRegenerate(message.id)}
                >
                  {t('regenerate')}
                </MessageAction>
              )}
              {interrupted && isLast && (
                <MessageAction testId="continue" icon={<ActionIcon icon={ArrowRight} />} onClick={onContinue}>
                  {t('continue')}
                </MessageAction>
              )}
              <MessageAction
                testId="message-delete"
                icon={<ActionIcon icon={Trash2} />}
                onClick={() => onDelete(message.id)}
              >
                {t('deleteMessage')}
              </MessageAction>
            </span>
          )}
        </div>
      </FarMessage>
    </div>
  );
});

/**
 * A reasoning model's reasoning, collapsed above its answer (open it to read how it got there);
 * while it is still thinking, the summary says so.
 */
function Reasoning({ text, thinking }: { text: string; thinking: boolean }) {
  const t = useTranslations('chat');
  return (
    <details data-testid="message-reasoning" className="mb-2 text-sm text-zinc-600 dark:text-zinc-300">
      <summary className="cursor-pointer select-none text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {thinking ? <span className="animate-pulse">{t('reasoningActive')}</span> : t('reasoning')}
      </summary>
      <p
        data-testid="message-reasoning-text"
        className="mt-1 whitespace-pre-wrap border-l-2 border-zinc-200 pl-3 dark:border-zinc-700"
      >
        {text.trim()}
      </p>
    </details>
  );
}

/**
 * How fast a reply came, as the server measured it (time to first token, tokens per second) and
 * its token usage: short figures with icons, the full sentences for tooltips and screen readers.
 * Saved with the reply, so shown after a reload too; nothing for a reply without them (stopped).
 */
function ReplyMetrics({ message }: { message: ChatMessage }) {
  const t = useTranslations('chat');
  const format = useFormatter();
  const usage = message.metadata?.usage;
  const timing = message.metadata?.timing ?? {};
  const rate = tokensPerSecond(timing, usage?.outputTokens);
  const hasUsage = usage?.inputTokens != null && usage.outputTokens != null;
  if (timing.ttftMs === undefined && rate === undefined && !hasUsage) return null;
  const seconds =
    timing.ttftMs !== undefined &&
    format.number(timing.ttftMs / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const speed = rate !== undefined && format.number(rate, { maximumFractionDigits: 1 });
  const figure = (icon: ReactNode, short: string, full: string, testId?: string) => (
    <span data-testid={testId} className="inline-flex items-center gap-0.5" title={full}>
      {icon}
      <span aria-hidden>{short}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
  // `contents`: its figures sit in the actions' row; on a phone the speed wraps to a line of its
  // own below it, so usage and the actions still share one row.
  return (
    <span data-testid="reply-metrics" className="contents tabular-nums">
      {(seconds || speed) && (
        <span className="inline-flex items-center gap-x-2 px-1 max-sm:order-last max-sm:w-full">
          {seconds &&
            figure(
              <ActionIcon icon={Timer} size={12} />,
              t('ttftShort', { seconds }),
              t('ttft', { seconds }),
              'reply-ttft',
            )}
          {speed &&
            figure(
              <ActionIcon icon={Gauge} size={12} />,
              t('speedShort', { rate: speed }),
              t('speed', { rate: speed }),
              'reply-speed',
            )}
        </span>
      )}
      {hasUsage &&
        figure(
          null,
          t('usageShort', { input: usage.inputTokens!, output: usage.outputTokens! }),
          t('usage', { input: usage.inputTokens!, output: usage.outputTokens! }),
          'message-usage',
        )}
    </span>
  );
}
