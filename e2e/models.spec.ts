import { expect, test } from '@playwright/test';
import { REASONING_ANSWER, REASONING_PIECES } from './fake-upstream.mjs';
import {
  expectUpstreamRequests,
  lastReply,
  leaveRoomForOneLongTurn,
  MESSAGES,
  openChat,
  sendLongTurn,
  sendMessage,
  uniqueTag,
} from './support';

// The test app offers a third model whose card gives a 131,072-token window (playwright.config.ts).
const MODEL_128K = 'tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.3';

test.use({ locale: 'ja' });

test('each model is budgeted against its own window: what the 4,096-token 8B trims, the 128K model keeps', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await page.getByTestId('model-select').selectOption(MODEL_128K);
  await expect(page.getByTestId('model-defaults')).toContainText('131,072');
  await leaveRoomForOneLongTurn(page);
  await sendLongTurn(page, tag, '一つ目');
  await sendLongTurn(page, tag, '二つ目');
  await sendLongTurn(page, tag, '三つ目');
  // With the 8B's 4,096 tokens the second turn already pushed the first out (context.spec.ts).
  await expect(page.getByTestId('context-notice')).toHaveCount(0);
  const requests = await expectUpstreamRequests(tag, 3);
  expect(requests[2].body.model).toBe(MODEL_128K);
  const sent = requests[2].body.messages.map((m) => m.content);
  for (const label of ['一つ目', '二つ目', '三つ目']) expect(sent.some((c) => c.includes(label))).toBe(true);
});

test("a reasoning model's reasoning is shown collapsed, kept after a reload, and not sent back", async ({ page }) => {
  const tag = uniqueTag();
  const thinking = REASONING_PIECES.join('');
  await openChat(page, 'ja');
  await sendMessage(page, `[[scenario:reasoning-field]] ${tag} こんにちは`);
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply).toContainText(REASONING_ANSWER);
  const reasoning = reply.getByTestId('message-reasoning');
  await expect(reasoning).toContainText(MESSAGES.ja.chat.reasoning);
  await expect(reasoning.getByTestId('message-reasoning-text')).toBeHidden();
  await reasoning.locator('summary').click();
  await expect(reasoning.getByTestId('message-reasoning-text')).toHaveText(thinking);

  await page.reload();
  await expect(lastReply(page).getByTestId('message-reasoning')).toBeAttached();
  await lastReply(page).getByTestId('message-reasoning').locator('summary').click();
  await expect(lastReply(page).getByTestId('message-reasoning-text')).toHaveText(thinking);

  await sendMessage(page, `${tag} 続けて`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const [, second] = await expectUpstreamRequests(tag, 2);
  const assistant = second.body.messages.find((m) => m.role === 'assistant');
  expect(assistant?.content).toBe(REASONING_ANSWER);
  expect(JSON.stringify(second.body)).not.toContain(REASONING_PIECES[0]);
});
