import { expect, type Locator, type Page } from '@playwright/test';
import en from '../messages/en.json' with { type: 'json' };
import ja from '../messages/ja.json' with { type: 'json' };

export const UPSTREAM = `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT ?? 4010}`;
export const MESSAGES = { ja, en } as const;
export type TestLocale = keyof typeof MESSAGES;
export const LOCALES: TestLocale[] = ['ja', 'en'];

/**
 * The locales a test of behaviour that is the same in both languages runs in: `preferred` alone,
 * both with E2E_ALL_LOCALES=1. Such a test checks its strings by their keys, which both message
 * files have (lib/server/ai/error-messages.test.ts), so a second run in the other language
 * tested the same code again at the cost of a whole run: the e2e suite is CPU-bound on 2 cores
 * (README). Specs choose ja or en so that both languages run end to end; what the language
 * changes (widths, IME, reading, voice, dates, unfurls, the language switch, the wait in words)
 * keeps LOCALES.
 */
export function behaviourLocales(preferred: TestLocale): TestLocale[] {
  return process.env.E2E_ALL_LOCALES ? LOCALES : [preferred];
}

export interface UpstreamRequest {
  id: number;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    temperature?: number;
    top_p?: number;
    max_tokens?: number;
    stop?: string[];
    stream?: boolean;
    reasoning_effort?: string;
    chat_template_kwargs?: { enable_thinking: boolean };
  };
  authorization: string | null;
  finished: boolean;
  aborted: boolean;
}

/** A marker unique to one test, so parallel tests can find their own upstream requests. */
export function uniqueTag(): string {
  return `tag-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Requests containing the marker: the replies', or (`kind: 'title'`) the conversation titles' (issue #37). */
export async function upstreamRequests(contains: string, kind: 'chat' | 'title' = 'chat'): Promise<UpstreamRequest[]> {
  const response = await fetch(`${UPSTREAM}/__requests?kind=${kind}&contains=${encodeURIComponent(contains)}`);
  return (await response.json()) as UpstreamRequest[];
}

/** Waits until the fake upstream has seen `count` requests containing the marker. */
export async function expectUpstreamRequests(
  contains: string,
  count: number,
  kind: 'chat' | 'title' = 'chat',
): Promise<UpstreamRequest[]> {
  await expect.poll(async () => (await upstreamRequests(contains, kind)).length).toBe(count);
  return upstreamRequests(contains, kind);
}

export async function openChat(page: Page, locale: TestLocale): Promise<void> {
  await page.goto(`/${locale}`);
  await waitForApp(page);
}

/**
 * Waits for the chat page to be hydrated (after a goto or a reload): the send button reacts to
 * typing only once React runs. A control clicked before that (the server's HTML) toggles in the
 * DOM and not in the app. Leaves the composer empty: use it before a draft is typed.
 */
export async function waitForApp(page: Page): Promise<void> {
  await expect(page.getByTestId('composer')).toBeEditable();
  await page.getByTestId('composer').fill('.');
  await expect(page.getByTestId('send')).toBeEnabled();
  await page.getByTestId('composer').fill('');
}

/**
 * A header control, ready to use: the "…" menu is opened first when the window is too narrow for
 * the control to stand in the header row (the user's path at that width).
 */
export async function headerControl(page: Page, testId: string): Promise<Locator> {
  const control = page.getByTestId(testId);
  if (!(await control.isVisible())) await page.getByTestId('header-menu-toggle').click();
  await expect(control).toBeVisible();
  return control;
}

/**
 * A new, empty chat on the same page (the header's button), as between cases that share a page.
 * From a conversation's URL the chat page is the router's next page: typing in the instant it
 * replaces the conversation's page can go to the textarea being replaced, so this waits for it
 * (its URL) before the caller types (history-organize failed twice so, with an empty composer).
 */
export async function startNewChat(page: Page): Promise<void> {
  await page.getByTestId('new-chat').click();
  await expect(page.getByTestId('message-user')).toHaveCount(0);
  await expect(page).toHaveURL(/\/(ja|en)$/);
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
}

export function lastReply(page: Page) {
  return page.getByTestId('message-assistant').last();
}

/**
 * The e2e server budgets a 4,096-token window; with max_tokens 2,000 about 2,000 are left for
 * the prompt, and each long turn is ~1,100 tokens: the second one pushes the first out.
 */
export async function leaveRoomForOneLongTurn(page: Page): Promise<void> {
  await page.getByTestId('param-max-tokens').fill('2000');
}

/** Sends a ~1,100-token message (the upstream answers with nothing) and waits for the reply. */
export async function sendLongTurn(page: Page, tag: string, label: string): Promise<void> {
  await sendMessage(page, `[[scenario:empty]] ${tag} ${label} ${'長めの段落です。'.repeat(160)}`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
}

/**
 * Where the server's HTML has the element with `testId`: in place (where it shows, painted with
 * the page and there without JavaScript), or in the part React streams after the page and moves in
 * with a script (a completed Suspense boundary it outlined: React 19 outlines one of over 500 bytes
 * once the page's first 12,800 bytes are spent, components/chat/ChatPage.tsx).
 */
export function placeInServerHtml(html: string, testId: string): 'in place' | 'streamed after the page' | 'absent' {
  const at = html.indexOf(`data-testid="${testId}"`);
  if (at < 0) return 'absent';
  const outlined = html.indexOf('<div hidden id="S:');
  return outlined >= 0 && outlined < at ? 'streamed after the page' : 'in place';
}
