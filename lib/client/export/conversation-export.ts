import { preloadMarkdown } from '@/components/markdown/LazyMarkdown';
import { getSession } from '@/lib/client/chat/chat-session';

/**
 * A conversation as a PDF (the browser's print dialog, "Save as PDF", styled by the print rules
 * in app/globals.css) or a PNG (html-to-image, loaded only here). Both are of the conversation as
 * it is on screen, in the current theme; one that is not open is opened first. Loaded from the
 * conversation menu on the first use.
 */

const CONVERSATION = '[data-export="conversation"]';
const PENDING_MARKDOWN = '[data-markdown="pending"]';
const MESSAGE = '[data-testid="message-user"], [data-testid="message-assistant"]';

/** Resolves once conversation `id` is the one shown (its messages rendered), or rejects after 10 s. */
export async function whenShown(id: string): Promise<HTMLElement> {
  preloadMarkdown();
  const deadline = performance.now() + 10_000;
  for (;;) {
    const node = document.querySelector<HTMLElement>(CONVERSATION);
    // Replies as Markdown, not their text as typed (the renderer may not have loaded yet).
    if (getSession().id === id && node?.querySelector(MESSAGE) && !node.querySelector(PENDING_MARKDOWN)) {
      await document.fonts?.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return node;
    }
    if (performance.now() > deadline) throw new Error('The conversation did not open');
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function printConversation(id: string): Promise<void> {
  await whenShown(id);
  window.print();
}

/** Controls left out of the image (as the print stylesheet leaves them out of the PDF). */
const HIDDEN = new Set(['message-actions', 'copy-code']);

/** The PNG's pixels per CSS pixel: sharp on phones and in posts. */
export const IMAGE_SCALE = 2;

export async function conversationImage(id: string): Promise<Blob> {
  const node = await whenShown(id);
  const { toBlob } = await import('html-to-image');
  const background = getComputedStyle(document.body).backgroundColor;
  const blob = await toBlob(node, {
    pixelRatio: IMAGE_SCALE,
    backgroundColor: background,
    // The image shows the conversation, not the controls around each message.
    filter: (el) =>
      !(el instanceof HTMLElement && (HIDDEN.has(el.dataset.testid ?? '') || el.dataset.print === 'hide')),
  });
  if (!blob) throw new Error('The image could not be made');
  return blob;
}
