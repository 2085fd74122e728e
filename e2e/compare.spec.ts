import { expect, test, type Page } from '@playwright/test';
import {
  expectUpstreamRequests,
  lastReply,
  MESSAGES,
  openChat,
  sendMessage,
  uniqueTag,
  upstreamRequests,
} from './support';

const MODEL_8B = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
const MODEL_70B = 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1';
const MODEL_V03 = 'tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.3';
const t = MESSAGES.ja.compare;

test.use({ locale: 'ja' });

const column = (page: Page, model: string) => page.locator(`[data-testid="compare-column"][data-model="${model}"]`);

async function openCompare(page: Page) {
  await openChat(page, 'ja');
  // Below lg the toggle is in the header's overflow menu.
  if (!(await page.getByTestId('compare-open').isVisible())) await page.getByTestId('header-menu-toggle').click();
  await page.getByTestId('compare-open').click();
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
}

test('one prompt streams into two columns at once; pick continues the chat with that model and history', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openCompare(page);
  // By default the first two models of SWALLOW_MODELS.
  await expect(column(page, MODEL_8B)).toBeVisible();
  await expect(column(page, MODEL_70B)).toBeVisible();
  // The settings panel's own model and sampling apply to nothing while comparing: it says so
  // instead of showing them beside the columns'.
  await expect(page.getByTestId('settings-compare-note')).toHaveText(MESSAGES.ja.settings.compareNote);
  for (const id of ['model-select', 'param-temperature', 'param-top-p', 'param-max-tokens', 'system-prompt'])
    await expect(page.getByTestId(id)).toHaveCount(0);
  await column(page, MODEL_70B).getByTestId('compare-param-temperature').fill('0.2');
  // A column given another model under the default preset takes that model's own sampling
  // (the test app's models share the card's 0.6 / 0.9 / 512, so away and back resets 1.5).
  await column(page, MODEL_8B).getByTestId('compare-param-temperature').fill('1.5');
  await column(page, MODEL_8B).getByTestId('compare-model-select').selectOption(MODEL_V03);
  await column(page, MODEL_V03).getByTestId('compare-model-select').selectOption(MODEL_8B);
  await expect(column(page, MODEL_8B).getByTestId('compare-param-temperature')).toHaveValue('0.6');

  await sendMessage(page, `[[scenario:model-paced]] ${tag} 比べて`);
  for (const model of [MODEL_8B, MODEL_70B]) {
    await expect(column(page, model)).toHaveAttribute('data-status', 'done');
    await expect(column(page, model).getByTestId('compare-reply')).toContainText(`model=${model}`);
    await expect(column(page, model).getByTestId('compare-ttft')).toBeVisible();
    await expect(column(page, model).getByTestId('compare-speed')).toBeVisible();
    await expect(column(page, model).getByTestId('compare-usage')).toBeVisible();
  }

  // Two requests, one per model, each with its own settings, in flight at the same time.
  const [first, second] = await expectUpstreamRequests(tag, 2);
  expect(new Set([first.body.model, second.body.model])).toEqual(new Set([MODEL_8B, MODEL_70B]));
  expect([first, second].find((r) => r.body.model === MODEL_70B)?.body.temperature).toBe(0.2);
  const on8B = [first, second].find((r) => r.body.model === MODEL_8B)!.body;
  expect(on8B).toMatchObject({ temperature: 0.6, top_p: 0.9, max_tokens: 512 });
  expect(on8B.messages[0]).toEqual({ role: 'system', content: 'あなたは誠実で優秀な日本人のアシスタントです。' });
  const logged = (await upstreamRequests(tag)) as unknown as { startedAt: number; closedAt: number }[];
  expect(logged[0].startedAt).toBeLessThan(logged[1].closedAt);
  expect(logged[1].startedAt).toBeLessThan(logged[0].closedAt);

  await column(page, MODEL_70B).getByTestId('compare-pick').click();
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  await expect(page.getByTestId('compare-result')).toContainText('Llama 3.1 Swallow 70B');
  // The notice stands right under the reply it is about; the panel shows the chat's settings again.
  const [replyBox, noticeBox] = [
    await lastReply(page).boundingBox(),
    await page.getByTestId('compare-result').boundingBox(),
  ];
  expect(noticeBox!.y).toBeGreaterThanOrEqual(replyBox!.y + replyBox!.height);
  await expect(page.getByTestId('model-select')).toHaveValue(MODEL_70B);
  await expect(lastReply(page)).toContainText(`model=${MODEL_70B}`);
  // The other reply is a version beside the picked one (the picked one is the newest).
  const versions = lastReply(page).getByTestId('version-switch');
  await expect(versions).toHaveText('2 / 2');
  await versions.getByTestId('version-prev').click();
  await expect(lastReply(page)).toContainText(`model=${MODEL_8B}`);
  await expect(lastReply(page).getByTestId('compare-picked-note')).toContainText('Llama 3.1 Swallow 8B');
  await versions.getByTestId('version-next').click();
  await expect(lastReply(page)).toContainText(`model=${MODEL_70B}`);

  // The next turn goes to the picked model, with the picked reply (not the other) in its history.
  await sendMessage(page, `${tag}-next 続けて`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  // The chat went on: the pick's notice does not drift below the later replies (the picked reply
  // keeps its own note of the comparison).
  await expect(page.getByTestId('compare-result')).toHaveCount(0);
  await expect(page.getByTestId('compare-picked-note')).toHaveCount(1);
  const [next] = await expectUpstreamRequests(`${tag}-next`, 1);
  expect(next.body.model).toBe(MODEL_70B);
  expect(next.body.temperature).toBe(0.2);
  const history = next.body.messages.filter((m) => m.role !== 'system').map((m) => m.content);
  expect(history).toHaveLength(3);
  expect(history[0]).toContain(`${tag} 比べて`);
  expect(history[1]).toContain(`model=${MODEL_70B}`);
  expect(JSON.stringify(next.body.messages)).not.toContain(`model=${MODEL_8B}`);

  // The other reply is kept with the conversation.
  await page.reload();
  await expect(page.getByTestId('message-assistant').first().getByTestId('version-switch')).toHaveText('2 / 2');
});

test('a column that fails shows its own error and leaves the other done; view code shows each column’s request', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openCompare(page);
  await sendMessage(page, `[[scenario@70b:nvidia-429]] [[scenario:model-paced]] ${tag}`);
  await expect(column(page, MODEL_70B)).toHaveAttribute('data-status', 'error');
  await expect(column(page, MODEL_70B).getByTestId('chat-error')).toHaveAttribute('data-code', 'rate_limited');
  await expect(column(page, MODEL_8B)).toHaveAttribute('data-status', 'done');
  await expect(column(page, MODEL_8B).getByTestId('chat-error')).toHaveCount(0);
  await expect(column(page, MODEL_8B).getByTestId('compare-pick')).toBeEnabled();
  await expect(column(page, MODEL_70B).getByTestId('compare-pick')).toBeDisabled();
  // The next message waits for the pick.
  await page.getByTestId('composer').fill('次');
  await expect(page.getByTestId('send')).toBeDisabled();

  for (const [model, other] of [
    [MODEL_70B, MODEL_8B],
    [MODEL_8B, MODEL_70B],
  ]) {
    await column(page, model).getByTestId('compare-view-code').click();
    const curl = page
      .getByTestId('view-code-dialog')
      .filter({ visible: true })
      .locator('[data-testid="code-snippet"][data-lang="curl"]');
    await expect(curl).toContainText(model);
    await expect(curl).toContainText(tag);
    await expect(curl).not.toContainText(other);
    await page.keyboard.press('Escape');
  }

  await page.getByTestId('compare-discard').click();
  await expect(page.getByTestId('compare-column').first()).not.toHaveAttribute('data-status', /.+/);
  await expect(page.getByTestId('send')).toBeEnabled();
});

test('blind mode hides the names until the pick; a reload mid-comparison keeps both partial replies', async ({
  page,
}) => {
  const tag = uniqueTag();
  await openCompare(page);
  await page.getByTestId('compare-blind').check();
  await sendMessage(page, `[[scenario:slow]] ${tag}`);
  const columns = page.getByTestId('compare-column');
  await expect(columns.nth(0).getByTestId('compare-reply')).toContainText('…2');
  await expect(columns.nth(1).getByTestId('compare-reply')).toContainText('…2');
  await expect(page.getByTestId('compare-column-name')).toHaveText([
    t.blindName.replace('{letter}', 'A'),
    t.blindName.replace('{letter}', 'B'),
  ]);
  await expect(page.getByTestId('compare-panel')).not.toContainText('Swallow');
  await expect(columns.nth(0)).not.toHaveAttribute('data-model', /.+/);
  await expect(page.getByTestId('compare-view-code')).toHaveCount(0);

  await page.reload();
  for (const index of [0, 1]) {
    await expect(columns.nth(index)).toHaveAttribute('data-status', 'stopped');
    await expect(columns.nth(index).getByTestId('compare-reply')).toContainText('ゆっくり …1 …2');
  }
  await expect(page.getByTestId('compare-panel')).not.toContainText('Swallow');
  const partial = (await columns.nth(1).getByTestId('compare-reply').textContent()) ?? '';

  await columns.nth(1).getByTestId('compare-pick').click();
  const result = page.getByTestId('compare-result');
  await expect(result).toContainText('Llama 3.1 Swallow 8B');
  await expect(result).toContainText('Llama 3.1 Swallow 70B');
  // Readable as a sentence: which model was picked how often.
  await expect(result.getByTestId('compare-tally')).toContainText(/を 1 回、.+ を 0 回選んでいます/);
  await expect(lastReply(page)).toContainText(partial.trim());
  await page.getByTestId('composer').fill('次');
  await expect(page.getByTestId('send')).toBeEnabled();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the columns are swipeable tabs, both streaming; stop stops both', async ({ page }) => {
    const tag = uniqueTag();
    await openCompare(page);
    await sendMessage(page, `[[scenario:slow]] ${tag}`);
    const columns = page.getByTestId('compare-column');
    await expect(columns.nth(0)).toHaveAttribute('data-status', 'streaming');
    await expect(columns.nth(1)).toHaveAttribute('data-status', 'streaming');
    await expect(columns.nth(1).getByTestId('compare-reply')).toContainText('…1');
    // One column per screen: the other is scrolled out of the strip.
    await expect(columns.nth(0)).toBeInViewport();
    await expect(columns.nth(1)).not.toBeInViewport();

    const tabs = page.getByTestId('compare-tab');
    // The tabs name what tells the models apart, whole (not cut off by an ellipsis).
    await expect(tabs).toHaveText(['1 · 8B v0.1', '2 · 70B v0.1']);
    for (const tab of await tabs.all()) expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await tabs.nth(1).click();
    await expect(columns.nth(1)).toBeInViewport();
    await expect(columns.nth(0)).not.toBeInViewport();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    // A swipe back (a horizontal scroll of the strip) selects the first tab.
    await page.getByTestId('compare-strip').evaluate((strip) => strip.scrollTo({ left: 0 }));
    await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(columns.nth(0)).toBeInViewport();
    await expect(columns.nth(1)).not.toBeInViewport();

    await page.getByTestId('stop').click();
    await expect(columns.nth(0)).toHaveAttribute('data-status', 'stopped');
    await expect(columns.nth(1)).toHaveAttribute('data-status', 'stopped');
    await expect.poll(async () => (await upstreamRequests(tag)).map((r) => r.aborted)).toEqual([true, true]);
  });
});

test('a share link carries the comparison setup and lands in compare mode', async ({ page }) => {
  const tag = uniqueTag();
  await openCompare(page);
  await column(page, MODEL_70B).getByTestId('compare-param-temperature').fill('0.3');
  await page.getByTestId('composer').fill(`比べる質問 ${tag}`);
  if (!(await page.getByTestId('share-open').isVisible())) await page.getByTestId('header-menu-toggle').click();
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-include-compare')).toBeChecked();
  const url = page.getByTestId('share-url');
  await expect(url).toHaveValue(/\/ja\/share\?p=/);
  const link = await url.inputValue();

  await page.goto(link);
  await expect(page.getByTestId('share-preview-compare')).toContainText('Llama 3.1 Swallow 70B');
  await page.getByTestId('share-load').click();
  await expect(column(page, MODEL_8B)).toBeVisible();
  await expect(column(page, MODEL_70B).getByTestId('compare-param-temperature')).toHaveValue('0.3');
  await expect(page.getByTestId('composer')).toHaveValue(`比べる質問 ${tag}`);
});
