// Title requests (issue #37): the app asks the model for a conversation's title after the first
// reply, with an instruction of its own (lib/server/ai/title.ts TITLE_INSTRUCTIONS). The fake
// recognises the request by that instruction and answers without streaming, as a model would:
// the title wrapped in quotes and bold (which the app takes off).
//
// In the conversation's first user message:
//   [[title=TEXT]]   the title is TEXT
//   [[title:fail]]   the upstream answers 500 (the app keeps the first-line title)
//   [[title:slow]]   the title (the first line) comes after TITLE_SLOW_MS
// Without a marker the title is the first line of the user's message, so a test finds its
// conversation by its text whether the model's title or the first-line one is shown.
import { setTimeout as delay } from 'node:timers/promises';
import { contentText, lastUserText } from './protocol.mjs';

const INSTRUCTION = /あなたは会話に短いタイトルを付けます|You write short titles for conversations/;
// Under the e2e app's 2 s first-byte timeout (playwright.config.ts), which a title request obeys too.
export const TITLE_SLOW_MS = 1_800;

/** Whether a chat completion request is the app's title request. */
export function isTitleRequest(body) {
  const system = Array.isArray(body?.messages) ? body.messages.find((m) => m?.role === 'system') : undefined;
  return INSTRUCTION.test(contentText(system?.content));
}

/**
 * The answer to a title request: `{ fail: true }`, or the text to send (after `delayMs`).
 * @returns {{ fail: true } | { text: string, delayMs: number }}
 */
export function titleAnswer(body) {
  const prompt = lastUserText(body);
  const japanese = /ユーザー：/.test(prompt);
  if (/\[\[title:fail\]\]/.test(prompt)) return { fail: true };
  const given = /\[\[title=([^\]]+)\]\]/.exec(prompt)?.[1];
  // The user's line is the one after "User: " / 「ユーザー：」.
  const line = /(?:ユーザー：|User: )(.*)/.exec(prompt)?.[1]?.trim() ?? '';
  const title = given ?? line;
  return {
    text: japanese ? `**「${title}」**` : `**"${title}"**`,
    delayMs: /\[\[title:slow\]\]/.test(prompt) ? TITLE_SLOW_MS : 0,
  };
}

export { delay };
