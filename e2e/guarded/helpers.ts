import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type PlaywrightWorkerArgs,
} from '@playwright/test';
import { GUARDED } from './settings';

/** A client address of its own (the app keys limits on the right-most X-Forwarded-For). */
export function uniqueIp(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

export const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
export const chatBody = (content: string) => ({
  messages: [{ role: 'user', content }],
  model: MODEL,
  system: '',
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 64,
});

/** Posts the unlock form; the context keeps the cookie. */
export async function unlock(request: APIRequestContext, ip: string, code: string = GUARDED.accessCodes[0]) {
  const response = await request.post('/api/unlock', {
    form: { code, next: '/ja', locale: 'ja' },
    headers: { 'x-forwarded-for': ip },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  return response;
}

/** A browser context from its own address, already unlocked. */
export async function unlockedContext(
  browser: Browser,
  baseURL: string,
  locale: 'ja' | 'en',
  ip = uniqueIp(),
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale, extraHTTPHeaders: { 'x-forwarded-for': ip } });
  await unlock(context.request, ip);
  return context;
}

/** An API client from one address (a new one unless given), already unlocked. */
export async function unlockedRequest(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  ip = uniqueIp(),
): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': ip } });
  await unlock(context, ip);
  return context;
}
