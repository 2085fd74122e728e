import { markdownEverywhere, preloadMarkdown } from '@/components/markdown/LazyMarkdown';
import { getSession } from '@/lib/client/chat/chat-session';

/**
 * A conversation as a PDF (the browser's print dialog, "Save as PDF", styled by the print rules
 * in app/globals.css) or a PNG (html-to-image, loaded only here). Both are of the conversation as
 * it is on screen, in the current theme; one that is not open is opened first. Loaded from the
 * conversation menu, or a reply's "save as image", on the first use.
 */

const CONVERSATION = '[data-export="conversation"]';
const PENDING_MARKDOWN = '[data-markdown="pending"]';
const MESSAGE = '[data-testid="message-user"], [data-testid="message-assistant"]';

/** Resolves once conversation `id` is the one shown (its messages rendered), or rejects after 10 s. */
export async function whenShown(id: string): Promise<HTMLElement> {
  preloadMarkdown();
  // Every reply as Markdown, also those far from the view that wait to come near it.
  markdownEverywhere.set(true);
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
const isControl = (el: HTMLElement) => HIDDEN.has(el.dataset.testid ?? '') || el.dataset.print === 'hide';

/** The PNG's pixels per CSS pixel: sharp on phones and in posts. */
export const IMAGE_SCALE = 2;
/** The margin (CSS px) around one reply's image. */
export const IMAGE_MARGIN = 16;

export async function conversationImage(id: string): Promise<Blob> {
  return elementImage(await whenShown(id));
}

/**
 * One reply as a PNG, for posting: the question it answers above it, as the conversation shows
 * them (`reply` is the reply's element in the message list). The two are copied, without their
 * controls, into a list of the same width outside the view, so the image is their size (and a
 * margin).
 */
export async function replyImage(reply: HTMLElement): Promise<Blob> {
  const list = reply.closest('[role="list"]');
  if (!list) throw new Error('The reply is not shown');
  // The list groups its messages in blocks (components/chat/MessageList.tsx): the question may
  // end the block before.
  const question = reply.previousElementSibling ?? reply.parentElement?.previousElementSibling?.lastElementChild;
  const copy = list.cloneNode(false) as HTMLElement;
  for (const message of [question, reply]) if (message) copy.append(message.cloneNode(true));
  for (const element of copy.querySelectorAll<HTMLElement>('[data-testid], [data-print]'))
    if (isControl(element)) element.remove();
  // A margin around them, in the page's background, as a post shows an image.
  copy.style.cssText = `position: fixed; left: -200vw; top: 0; width: ${list.clientWidth + 2 * IMAGE_MARGIN}px; padding: ${IMAGE_MARGIN}px`;
  copy.setAttribute('aria-hidden', 'true');
  document.body.append(copy);
  try {
    await document.fonts?.ready;
    return await elementImage(copy, { position: 'static', left: '0' });
  } finally {
    copy.remove();
  }
}

/** A PNG of `node` in the current theme, without the controls; `style` is set on its copy. */
async function elementImage(node: HTMLElement, style?: Partial<CSSStyleDeclaration>): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  const background = getComputedStyle(document.body).backgroundColor;
  // Messages off screen are laid out too (app/globals.css skips them otherwise).
  node.dataset.exporting = '';
  const blob = await toBlob(node, {
    pixelRatio: IMAGE_SCALE,
    backgroundColor: background,
    style,
    // The image shows the conversation, not the controls around each message.
    filter: (el) => !(el instanceof HTMLElement && isControl(el)),
  }).finally(() => delete node.dataset.exporting);
  if (!blob) throw new Error('The image could not be made');
  return blob;
}
