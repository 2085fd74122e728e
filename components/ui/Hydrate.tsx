'use client';

import { memo, Suspense, use, type ReactNode } from 'react';
import { ENGAGEMENT_EVENTS, onFirstEngagement } from '@/lib/client/browser/engagement';

/**
 * Server-rendered content hydrated after the page's shell, in its own interruptible work: React
 * leaves a Suspense boundary's server HTML as it is on the first pass and hydrates it at low
 * priority, in slices, with its effects in their own commit (at once if the visitor acts on it
 * first). The first load's render and commit then no longer run as one long task (issue #35
 * item 5, bench `lighthouse`).
 *
 * `whenShownFrom` (a media query): content that is hidden below it (a side panel, a drawer on a
 * phone) is not hydrated at all there until the visitor starts using the page (the engagement
 * events, or a control used directly), or the window grows to the query. Its server HTML stays in
 * the page meanwhile (its text and test ids, hidden as before); the event that wakes it is handled
 * by the hydrated content (React hydrates the boundary at once for a discrete event on it).
 * Memoised: give it children that are the same object in every render of the parent (an element
 * made by a server component, such as ChatPage's parts), since an update that reaches the boundary
 * before it is hydrated makes React render it on the client instead (empty until woken).
 */
export const Hydrate = memo(function Hydrate({
  whenShownFrom,
  children,
}: {
  whenShownFrom?: string;
  children: ReactNode;
}) {
  return (
    <Suspense fallback={null}>
      {whenShownFrom && <WaitUntilShown query={whenShownFrom} />}
      {children}
    </Suspense>
  );
});

/** Also wakes on a control used without the engagement events first (e.g. a file set on an input). */
const WAKE_EVENTS = [...ENGAGEMENT_EVENTS, 'click', 'input', 'change'];

let woken = false;
let wakeUp: Promise<void> | null = null;
/** Wakes every waiting boundary now (the window grew to a query). */
let wakeNow = () => {};
const queries = new Set<string>();

/**
 * Listened for from this module's start (it runs with the chat's code, before the chat hydrates),
 * not from the first boundary that waits: a boundary may first try to hydrate after the visitor
 * has already started (typed, then opened the history drawer on a phone), and would otherwise
 * wait for a next event, showing its server HTML (an empty history list) meanwhile.
 */
function visitorStarted(): Promise<void> {
  // Capture on the window runs before React's own listeners: the boundary is hydrated for that event.
  wakeUp ??= new Promise<void>((resolve) => {
    const wake = () => {
      woken = true;
      resolve();
    };
    const stop = onFirstEngagement(wake, window, WAKE_EVENTS);
    wakeNow = () => {
      stop();
      wake();
    };
  });
  return wakeUp;
}
if (typeof window !== 'undefined') void visitorStarted();

function waitForVisitor(query: string): Promise<void> {
  const started = visitorStarted();
  if (!queries.has(query)) {
    queries.add(query);
    const list = window.matchMedia(query);
    list.addEventListener('change', function grown() {
      if (!list.matches) return;
      list.removeEventListener('change', grown);
      wakeNow();
    });
  }
  return started;
}

function WaitUntilShown({ query }: { query: string }) {
  // On the server nothing waits: the HTML holds the content.
  if (typeof window === 'undefined' || woken || window.matchMedia(query).matches) return null;
  use(waitForVisitor(query));
  return null;
}
