'use client';

import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { whenNearView } from '@/lib/client/browser/near-view';
import { createStore } from '@/lib/client/chat/external-store';
import { LongText } from './LongMarkdown';

// The Markdown renderer (react-markdown, GFM, highlight.js) is the largest part of the chat's
// JavaScript and is not needed to show an empty chat: it loads after the page, on idle.
export const loadMarkdown = () => import('./Markdown');
const MarkdownRenderer = lazy(() => loadMarkdown().then((m) => ({ default: m.Markdown })));

/** Starts loading the renderer now (call once the page is up). */
export function preloadMarkdown(): void {
  void loadMarkdown();
}

/**
 * Set for a print or an image of the conversation: every reply as Markdown, near the screen or
 * not (lib/client/export/conversation-export.ts sets it; so does the browser's own print).
 */
export const markdownEverywhere = createStore(false);
if (typeof window !== 'undefined')
  window.addEventListener('beforeprint', () => flushSync(() => markdownEverywhere.set(true)));

/**
 * Markdown once the renderer has loaded; until then the text as typed, so no token waits for it
 * (a long text in parts the browser lays out as they come on screen: LongText). `streaming`: the
 * text is a reply still growing. `deferred` (a message far from a conversation's end, which opens
 * at its end): the text as typed until it comes near the view (lib/client/browser/near-view.ts),
 * so opening 500 messages renders the Markdown of those in view, not of all (issue #35);
 * find-in-page finds the text either way.
 */
export function LazyMarkdown({ text, streaming, deferred }: { text: string; streaming?: boolean; deferred?: boolean }) {
  const everywhere = useSyncExternalStore(markdownEverywhere.subscribe, markdownEverywhere.get, () => false);
  const [near, setNear] = useState(() => !deferred);
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = placeholder.current;
    if (near || everywhere || !element) return;
    // The message's own box is measured, and only while its block is near: both are
    // `content-visibility: auto` (app/globals.css), and reading the position of something
    // inside a skipped box would lay that box out.
    const item = element.closest('[data-message-id]');
    return whenNearView(item ?? element, () => setNear(true), item?.closest('[data-message-block]'));
  }, [near, everywhere]);

  const asTyped = (
    <div ref={placeholder} className="prose-chat whitespace-pre-wrap" data-markdown="pending">
      <LongText text={text} />
    </div>
  );
  if (!near && !everywhere) return asTyped;
  return (
    <Suspense fallback={asTyped}>
      <MarkdownRenderer text={text} streaming={streaming} />
    </Suspense>
  );
}
