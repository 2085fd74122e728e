import { useEffect, useState, type RefObject } from 'react';
import { whenNearView } from '@/lib/client/browser/near-view';

/**
 * Whether a message of the list is near the view, for what it shows only there: its Markdown
 * (the text as typed until then) and its actions' icons (issue #35: a conversation opens at its
 * end, so opening 500 messages renders those of the ones in view, not of all). True at once for
 * a message that is not `far`, and from when a far one first comes within a screen of the view.
 * The message's own box is measured, and only while its block is near: both are
 * `content-visibility: auto` (app/globals.css), and reading the position of something inside a
 * skipped box would lay that box out.
 */
export function useNearView(far: boolean, ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => !far);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    return whenNearView(element, () => setNear(true), element.closest('[data-message-block]'));
  }, [near, ref]);
  return near || !far;
}
