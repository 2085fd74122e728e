'use client';

import { lazy, Suspense } from 'react';
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
 * Markdown once the renderer has loaded; until then the text as typed, so no token waits for it
 * (a long text in parts the browser lays out as they come on screen: LongText). `streaming`: the
 * text is a reply still growing.
 */
export function LazyMarkdown({ text, streaming }: { text: string; streaming?: boolean }) {
  return (
    <Suspense
      fallback={
        <div className="prose-chat whitespace-pre-wrap" data-markdown="pending">
          <LongText text={text} />
        </div>
      }
    >
      <MarkdownRenderer text={text} streaming={streaming} />
    </Suspense>
  );
}
