/**
 * Main-thread cost of a step in the browser (the bench sections long and long-conversation):
 * CDP Performance.getMetrics TaskDuration, and the longest task (PerformanceObserver), from the
 * step until the page is idle, in a fresh Chromium context at 1280 × 800.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';

export interface Sample {
  taskMs: number;
  longestMs: number;
}

const OBSERVE_LONG_TASKS = `(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });
})()`;

export async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Waits until the main thread has been busy less than 5 ms over 500 ms. */
export async function idle(page: Page, cdp: CDPSession): Promise<void> {
  let before = await taskMs(cdp);
  for (;;) {
    await page.waitForTimeout(500);
    const now = await taskMs(cdp);
    if (now - before < 5) return;
    before = now;
  }
}

/** Main-thread time and longest task of `act` until the page is idle (the wait's own polling excluded). */
export async function measure(page: Page, cdp: CDPSession, act: () => Promise<void>): Promise<Sample> {
  await idle(page, cdp);
  await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
  const start = await taskMs(cdp);
  await act();
  await idle(page, cdp);
  // The idle wait's last 500 ms (< 5 ms of it busy) is part of the figure: at most 5 ms.
  const taskMsSpent = (await taskMs(cdp)) - start;
  const longestMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  return { taskMs: taskMsSpent, longestMs };
}

export async function withPage<T>(browser: Browser, run: (page: Page, cdp: CDPSession) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LONG_TASKS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return await run(page, cdp);
  } finally {
    await context.close();
  }
}

export async function openChatPage(page: Page, app: string): Promise<void> {
  await page.goto(`${app}/ja`);
  await page.waitForFunction(() =>
    Object.keys(document.getElementById('composer') ?? {}).some((key) => key.startsWith('__reactProps')),
  );
}

/**
 * Whether the conversation shows `count` messages and the last is a finished reply, read in the
 * page (pass to `page.waitForFunction`). Only the list's ends are read, not every message
 * (17,000 nodes in a long conversation, each poll): the list holds blocks of messages
 * (components/chat/MessageList.tsx), all full but the last.
 */
export function conversationDone(count: number): boolean {
  const list = document.querySelector('[data-export="conversation"] > [role="list"]');
  const block = list?.lastElementChild;
  const last = block?.lastElementChild as HTMLElement | null | undefined;
  if (!list || !block || !last) return false;
  const shown = (list.childElementCount - 1) * list.firstElementChild!.childElementCount + block.childElementCount;
  return shown === count && last.dataset.status === 'done';
}
