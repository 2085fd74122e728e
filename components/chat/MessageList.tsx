'use client';

import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import type { ChatStatus } from 'ai';
import { useTranslations } from 'next-intl';
import { messageText, failedReplyId, replyStatus } from '@/lib/client/chat/chat-session';
import type { ChatMessage } from '@/lib/client/chat/types';
import { markdownEverywhere } from '@/components/markdown/LazyMarkdown';
import {
  FarRows,
  MESSAGE_LIST_GROUP,
  MessageItem,
  MessageListState,
  useNearView,
  type MessageHandlers,
} from './MessageItem';

/**
 * The newest messages render their Markdown at once (a conversation opens at its end); older
 * ones when they come near the view (components/markdown/LazyMarkdown.tsx).
 */
const EAGER_MESSAGES = 8;

/** How close to the bottom (px) still counts as "at the end" of the conversation. */
export const NEAR_BOTTOM_PX = 160;

export interface ScrollPosition {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Whether the view should keep following the reply after a scroll event. Scrolling up (the
 * reader wants to read something) stops following unless it stays near the end; reaching the
 * end again resumes it. Growth of the reply itself never stops following.
 */
export function keepsFollowing(following: boolean, previousTop: number, now: ScrollPosition): boolean {
  const nearBottom = now.scrollHeight - now.scrollTop - now.clientHeight < NEAR_BOTTOM_PX;
  if (nearBottom) return true;
  return now.scrollTop < previousTop - 1 ? false : following;
}

/**
 * Keeps the conversation scrolled to its end while a reply grows, unless the reader scrolled
 * up to read. Layout is read only in the scroll event and in an animation frame, when the
 * browser lays out anyway: reading it right after each render forced an extra layout of the
 * whole conversation per update (the largest main-thread cost of a long reply). A new message
 * (sent, or another conversation opened) follows again.
 */
export function useFollowReply(anchorRef: RefObject<HTMLElement | null>, content: unknown, messageCount: number): void {
  const following = useRef(true);
  const scrollerRef = useRef<HTMLElement | null>(null);
  const countRef = useRef(messageCount);

  useEffect(() => {
    const scroller = anchorRef.current?.closest<HTMLElement>('[data-scroll-container]') ?? null;
    scrollerRef.current = scroller;
    if (!scroller) return;
    let previousTop = scroller.scrollTop;
    const onScroll = () => {
      following.current = keepsFollowing(following.current, previousTop, scroller);
      previousTop = scroller.scrollTop;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    // Content that grows after its message changed (highlighted code, math, diagrams, the
    // action row of a finished reply) is followed too: the observer runs after layout.
    const growth = new ResizeObserver(() => {
      if (following.current) scroller.scrollTop = scroller.scrollHeight;
    });
    const content = anchorRef.current?.parentElement;
    if (content) growth.observe(content);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      growth.disconnect();
    };
  }, [anchorRef]);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (countRef.current !== messageCount) following.current = true;
    countRef.current = messageCount;
    if (!scroller || !following.current) return;
    const frame = requestAnimationFrame(() => {
      if (following.current) scroller.scrollTop = scroller.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [content, messageCount]);
}

interface MessageListProps extends MessageHandlers {
  messages: ChatMessage[];
  chatStatus: ChatStatus;
  /** The chat's error: shown inside the reply that failed, if the turn had begun one. */
  error: Error | undefined;
  /** A message's place among its versions, if it has more than one. */
  versionOf?: (id: string) => { index: number; count: number } | null;
}

/** One Error per saved error text, so a reply's notice keeps the same error across renders. */
const savedErrors = new Map<string, Error>();
function savedError(message: ChatMessage): Error | undefined {
  const text = message.metadata?.state === 'error' ? message.metadata.error : undefined;
  if (!text) return undefined;
  let error = savedErrors.get(text);
  if (!error) {
    error = new Error(text);
    if (savedErrors.size > 100) savedErrors.clear();
    savedErrors.set(text, error);
  }
  return error;
}

interface RowsProps extends MessageHandlers {
  messages: ChatMessage[];
  /** The rows of messages[from, to). */
  from: number;
  to: number;
  /**
   * What the block's rows take from the whole list, given only as far as it concerns them, so a
   * block the change does not concern renders nothing: the index of the last message (-1 when it
   * is not in this block), the first row whose Markdown is rendered at once (`to` when none),
   * and the chat's status and error (`ready` and none for a block without the last message).
   */
  lastIndex: number;
  eagerFrom: number;
  chatStatus: ChatStatus;
  error: Error | undefined;
  /** The reply the chat's error belongs to. */
  failedId: string | undefined;
  versionOf?: (id: string) => { index: number; count: number } | null;
}

function MessageRows(props: RowsProps) {
  const { messages, from, to, lastIndex, eagerFrom, chatStatus, error, failedId, versionOf, ...handlers } = props;
  const ref = useRef<HTMLDivElement>(null);
  // A block none of whose messages is among the newest shows their text alone (FarRows) until it
  // comes near the view, or everything is laid out for a print or an image; then in full, for good.
  const near = useNearView(eagerFrom === to, ref);
  const everywhere = useSyncExternalStore(markdownEverywhere.subscribe, markdownEverywhere.get, () => false);
  const full = near || everywhere;
  const rows: ReactNode[] = [];
  if (full)
    for (let index = from; index < to; index++) {
      const message = messages[index];
      const isLast = index === lastIndex;
      const version = versionOf?.(message.id);
      rows.push(
        <MessageItem
          // Keyed by its place (the message before it), so a switch of version keeps the
          // item and the focus on its arrows.
          key={index === 0 ? '' : messages[index - 1].id}
          message={message}
          status={replyStatus(message, isLast, chatStatus)}
          isLast={isLast}
          deferred={index < eagerFrom}
          index={index}
          error={message.id === failedId ? error : savedError(message)}
          liveError={message.id === failedId}
          versionIndex={version?.index}
          versionCount={version?.count}
          {...handlers}
        />,
      );
    }
  // A block is one `content-visibility: auto` box (app/globals.css): off screen, its messages
  // are not even tracked one by one. 500 boxes the browser checks on every frame cost each
  // keystroke and each streamed piece ~1-2 ms in a 500-message conversation; 10 cost nothing
  // measurable (issue #35). Its height until shown: its messages' placeholders (`--messages`).
  return (
    <div
      ref={ref}
      role="none"
      data-message-block=""
      className="flex flex-col gap-6"
      style={{ '--messages': to - from } as CSSProperties}
    >
      {full ? rows : <FarRows messages={messages} from={from} to={to} />}
    </div>
  );
}

/**
 * Whether a block of rows renders the same: the same message objects in its range (and the one
 * before it: the first key) and the same other props. A chunk of a streaming reply replaces only
 * the last message, and a reply that starts or ends changes the chat's status, which only the
 * block holding the last message is given: only that block is rendered again. With 500
 * messages, creating and comparing all 500 elements on every chunk cost the page
 * O(conversation) per chunk, and each message sent a task over 50 ms (issue #35).
 */
export function sameRows(a: RowsProps, b: RowsProps): boolean {
  const keys = Object.keys(b) as (keyof RowsProps)[];
  if (Object.keys(a).length !== keys.length) return false;
  for (const key of keys) if (key !== 'messages' && a[key] !== b[key]) return false;
  for (let index = Math.max(0, a.from - 1); index < a.to; index++)
    if (a.messages[index] !== b.messages[index]) return false;
  return true;
}

/** The props of the block of rows messages[from, to) (see RowsProps). */
export function blockProps<
  T extends { messages: ChatMessage[]; chatStatus: ChatStatus; error: Error | undefined; failedId: string | undefined },
>(list: T, from: number, to: number): T & Pick<RowsProps, 'from' | 'to' | 'lastIndex' | 'eagerFrom'> {
  const lastIndex = list.messages.length - 1;
  const eagerFrom = Math.min(to, Math.max(from, list.messages.length - EAGER_MESSAGES));
  if (lastIndex < to) return { ...list, from, to, lastIndex, eagerFrom };
  return { ...list, from, to, lastIndex: -1, eagerFrom, chatStatus: 'ready', error: undefined, failedId: undefined };
}

const MessageBlock = memo(MessageRows, sameRows);

/**
 * Messages per block. A message stays in the block of its index (a new one never moves the
 * others), so React keeps each item: only a deletion moves the messages after it across block
 * ends, which mounts those again.
 */
export const MESSAGES_PER_BLOCK = 50;

export function MessageList({ messages, chatStatus, error, versionOf, ...handlers }: MessageListProps) {
  const t = useTranslations('chat');
  const endRef = useRef<HTMLDivElement>(null);
  const busy = chatStatus === 'submitted' || chatStatus === 'streaming';
  const last = messages.at(-1);
  const failedId = error ? failedReplyId(messages, chatStatus) : undefined;

  useFollowReply(endRef, messages, messages.length);
  const listState = useMemo(() => ({ busy, count: messages.length }), [busy, messages.length]);

  const announcement =
    last?.role === 'assistant'
      ? busy
        ? t('statusStreaming')
        : t('statusDone', { text: messageText(last).slice(0, 600) })
      : '';
  const rows = { messages, chatStatus, error, failedId, versionOf, ...handlers };

  return (
    <MessageListState value={listState}>
      <div
        role="list"
        aria-label={t('messagesLabel')}
        data-busy={busy || undefined}
        className={`${MESSAGE_LIST_GROUP} flex flex-col gap-6 empty:hidden`}
      >
        {Array.from({ length: Math.ceil(messages.length / MESSAGES_PER_BLOCK) }, (_, block) => (
          <MessageBlock
            key={block}
            {...blockProps(
              rows,
              block * MESSAGES_PER_BLOCK,
              Math.min(messages.length, (block + 1) * MESSAGES_PER_BLOCK),
            )}
          />
        ))}
      </div>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div ref={endRef} />
    </MessageListState>
  );
}
