'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { keepsFollowing } from '@/lib/client/chat/follow';

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
    return () => scroller.removeEventListener('scroll', onScroll);
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
