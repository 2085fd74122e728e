import { expect, test, type Page } from '@playwright/test';
import { lastReply, openChat, sendMessage, uniqueTag } from './support';

// History and presets search match as a Japanese user types: hiragana finds katakana, half-width
// finds full-width (and half-width katakana), any case (lib/client/search/normalize.ts).
test.use({ locale: 'ja' });

async function search(page: Page, field: string, query: string) {
  await page.getByTestId(field).fill(query);
}

test('history search: かたかな finds カタカナ, abc finds ＡＢＣ, ｶﾀｶﾅ finds カタカナ', async ({ page }) => {
  const tag = uniqueTag();
  await openChat(page, 'ja');
  await sendMessage(page, `カタカナとＡＢＣの会話 ${tag}`);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
  const items = page.getByTestId('conversation-item');
  await expect(items).toHaveCount(1);

  for (const query of ['かたかな', 'abc', 'ｶﾀｶﾅ', 'カタカナとａｂｃ', tag.toUpperCase()]) {
    await search(page, 'history-search', query);
    await expect(items, query).toHaveCount(1);
  }
  await search(page, 'history-search', 'ひらがな');
  await expect(items).toHaveCount(0);
});

test('presets search: びじねす and ﾋﾞｼﾞﾈｽ find ビジネスメール作成, ３行 finds 3行要約', async ({ page }) => {
  await openChat(page, 'ja');
  await page.getByTestId('presets-open').click();
  const items = page.getByTestId('preset-item');
  for (const [query, name] of [
    ['びじねす', 'ビジネスメール作成'],
    ['ﾋﾞｼﾞﾈｽ', 'ビジネスメール作成'],
    ['３行', '3行要約'],
    ['カミクダイテ', 'かみくだいて解説'],
  ]) {
    await search(page, 'presets-search', query);
    await expect(items, query).toHaveCount(1);
    await expect(items, query).toContainText(name);
  }
});

test.describe('presets search (en)', () => {
  test.use({ locale: 'en' });

  test('ＣＯＤＩＮＧ finds Coding help', async ({ page }) => {
    await openChat(page, 'en');
    await page.getByTestId('presets-open').click();
    await search(page, 'presets-search', 'ＣＯＤＩＮＧ');
    await expect(page.getByTestId('preset-item')).toHaveCount(1);
    await expect(page.getByTestId('preset-item')).toContainText('Coding help');
  });
});
