import { expect, test } from '@playwright/test';
import { MALFORMED_TEXT, UTF8_SPLIT_TEXT } from './fake-upstream.mjs';
import { lastReply, MESSAGES, openChat, sendMessage, startNewChat, uniqueTag, behaviourLocales } from './support';

type ErrorKey = keyof (typeof MESSAGES)['en']['errors'];

/** Upstream faults mid-stream or in bodies not covered by errors.spec.ts: what the user sees. */
const FAILURES: { scenario: string; code: string; key: ErrorKey; partial?: string; detail?: RegExp }[] = [
  // An error chunk inside an HTTP 200 stream: the text so far stays, with the error under it.
  {
    scenario: 'vllm-midstream-error',
    code: 'upstream_unavailable',
    key: 'upstream_unavailable',
    partial: '途中までは順調に生成して',
    detail: /CUDA out of memory/,
  },
  // Headers, then silence: the first-byte timeout (2 s in the e2e app).
  { scenario: 'stall', code: 'upstream_timeout', key: 'upstream_timeout', detail: /2 s/ },
  // One token, then silence: the idle timeout; the token stays visible.
  {
    scenario: 'stall-after-first',
    code: 'upstream_timeout',
    key: 'upstream_timeout',
    partial: 'ここで止まります',
    detail: /2 s/,
  },
  { scenario: 'nvidia-429-data-prefix', code: 'rate_limited', key: 'rate_limited' },
  { scenario: 'nvidia-500', code: 'upstream_unavailable', key: 'upstream_unavailable', detail: /Inference error/ },
  {
    scenario: 'vllm-400-nested',
    code: 'upstream_bad_request',
    key: 'upstream_bad_request',
    detail: /temperature must be non-negative/,
  },
  { scenario: 'vllm-404', code: 'model_not_found', key: 'model_not_found' },
  {
    scenario: 'ollama-500',
    code: 'upstream_unavailable',
    key: 'upstream_unavailable',
    detail: /llama runner process has terminated/,
  },
];

for (const locale of behaviourLocales('ja')) {
  test.describe(`stream faults (${locale})`, () => {
    test.use({ locale });
    const t = MESSAGES[locale];

    // One page for every case (a new chat each): a page load per case was most of the time.
    test('faults mid-stream: each shows its localized error, under the text that arrived', async ({ page }) => {
      test.setTimeout(10_000 * FAILURES.length);
      await openChat(page, locale);
      for (const { scenario, code, key, partial, detail } of FAILURES) {
        await test.step(`${scenario}: ${code}${partial ? ', the partial reply stays' : ''}`, async () => {
          await startNewChat(page);
          await sendMessage(page, `[[scenario:${scenario}]] ${uniqueTag()}`);
          const error = page.getByTestId('chat-error');
          await expect(error).toHaveAttribute('data-code', code, { timeout: 15_000 });
          await expect(error.locator('p').first()).toHaveText(t.errors[key]);
          if (detail) await expect(error.getByTestId('chat-error-detail')).toHaveText(detail);
          await expect(error.getByTestId('retry')).toBeVisible();
          // The reply had begun: its error is inside it, under the text that arrived.
          await expect(lastReply(page).getByTestId('chat-error')).toBeVisible();
          if (partial) {
            await expect(lastReply(page)).toContainText(partial);
            await expect(lastReply(page)).toHaveAttribute('data-status', /error|stopped/);
            const [text, notice] = await Promise.all([
              lastReply(page).locator('.prose-chat').boundingBox(),
              error.boundingBox(),
            ]);
            expect(notice!.y).toBeGreaterThanOrEqual(text!.y + text!.height);
          }
        });
      }
    });

    // Streams that look broken but carry a whole reply: it arrives intact, with no error.
    const INTACT = [
      { scenario: 'utf8-split', text: UTF8_SPLIT_TEXT },
      { scenario: 'malformed', text: MALFORMED_TEXT },
      { scenario: 'no-done', text: 'この応答は終わりの合図なしで閉じられます。' },
    ];
    test('streams that look broken but carry a whole reply: it arrives intact', async ({ page }) => {
      await openChat(page, locale);
      for (const { scenario, text } of INTACT) {
        await test.step(`${scenario}: the reply arrives intact`, async () => {
          await startNewChat(page);
          await sendMessage(page, `[[scenario:${scenario}]] ${uniqueTag()}`);
          const reply = lastReply(page);
          await expect(reply).toHaveAttribute('data-status', 'done');
          await expect(reply.locator('.prose-chat')).toHaveText(text);
          await expect(reply).not.toContainText('\uFFFD');
          await expect(page.getByTestId('chat-error')).toHaveCount(0);
        });
      }
    });
  });
}
