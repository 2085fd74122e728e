'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
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
 * text is a reply still growing. `deferred` (a message far from a conversation's end, not yet
 * near the view: MessageItem's useNearView): the text as typed, so opening 500 messages
 * renders the Markdown of those in view, not of all (issue #35); find-in-page finds the text
 * either way. Printing and the image export render every message's Markdown.
 */
export function LazyMarkdown({ text, streaming, deferred }: { text: string; streaming?: boolean; deferred?: boolean }) {
  const everywhere = useSyncExternalStore(markdownEverywhere.subscribe, markdownEverywhere.get, () => false);
  const asTyped = (
    <div className="prose-chat whitespace-pre-wrap" data-markdown="pending">
      <LongText text={text} />
    </div>
  );
  if (deferred && !everywhere) return asTyped;
  return (
    <Suspense fallback={asTyped}>
      <MarkdownRenderer text={text} streaming={streaming} />
    </Suspense>
  );
}
