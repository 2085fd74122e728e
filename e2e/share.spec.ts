import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectUpstreamRequests, LOCALES, MESSAGES, openChat, uniqueTag } from './support';

const MODEL_70B = 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1';

/** Builds a link the way a tampered or hand-made one would be: any JSON, deflated, base64url. */
async function rawLink(page: Page, json: string): Promise<string> {
  return page.evaluate(async (text) => {
    const stream = new Blob([new TextEncoder().encode(text)])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return `1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, json);
}

async function makeLink(page: Page, locale: 'ja' | 'en', systemPrompt: string, draft: string): Promise<string> {
  await openChat(page, locale);
  await page.getByTestId('model-select').selectOption(MODEL_70B);
  await page.getByTestId('param-temperature').fill('0.35');
  await page.getByTestId('param-max-tokens').fill('700');
  await page.getByTestId('system-prompt').fill(systemPrompt);
  await page.getByTestId('composer').fill(draft);
  await page.getByTestId('share-open').click();
  const url = page.getByTestId('share-url');
  await expect(url).toHaveValue(new RegExp(`/${locale}/share\\?p=1\\.`));
  const link = await url.inputValue();
  await expect(page.getByTestId('share-length')).toContainText(link.length.toLocaleString('en-US'));
  return link;
}

async function freshPage(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

for (const locale of LOCALES) {
  const t = MESSAGES[locale].share;

  test(`the share preview's header is one line on a 320 px phone (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 320, height: 640 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/${locale}`);
    const link = await rawLink(
      page,
      JSON.stringify({ v: 1, systemPrompt: 'x', params: { temperature: 0.5, topP: 0.9, maxTokens: 100 } }),
    );
    await page.goto(`/${locale}/share?p=${link}`);
    await expect(page.getByTestId('share-preview')).toBeVisible();
    const name = page.getByRole('banner').getByRole('link', { name: 'Swallow Chat' });
    // One line: the name's box is one line high, and the switcher sits beside it, not under it.
    const nameBox = (await name.boundingBox())!;
    const switcher = (await page.getByTestId('locale-switcher').boundingBox())!;
    expect(nameBox.height).toBeLessThanOrEqual(28);
    expect(switcher.y).toBeLessThan(nameBox.y + nameBox.height);
    expect(switcher.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  test.describe(`share links (${locale})`, () => {
    test.use({ locale });

    test('a link opened in a fresh browser previews, loads and sends exactly the shared setup', async ({
      page,
      browser,
    }) => {
      const tag = uniqueTag();
      const systemPrompt = `あなたは京都の老舗旅館の女将です。🍵 丁寧に答えてください。 ${tag}`;
      const link = await makeLink(page, locale, systemPrompt, `おすすめの季節は？ ${tag}`);

      const visitor = await freshPage(browser, locale);
      await visitor.goto(link);
      await expect(visitor.getByTestId('share-preview')).toBeVisible();
      await expect(visitor.getByTestId('share-preview-system')).toHaveText(systemPrompt);
      await expect(visitor.getByTestId('share-preview-draft')).toHaveText(`おすすめの季節は？ ${tag}`);
      await expect(visitor.getByTestId('share-preview-model')).toHaveText('Llama 3.1 Swallow 70B Instruct v0.1');
      await expect(visitor.getByText('0.35')).toBeVisible();
      // Opening the link sent nothing.
      expect(await expectUpstreamRequests(tag, 0)).toHaveLength(0);

      await visitor.getByTestId('share-load').click();
      await expect(visitor).toHaveURL(new RegExp(`/${locale}$`));
      await expect(visitor.getByTestId('system-prompt')).toHaveValue(systemPrompt);
      await expect(visitor.getByTestId('composer')).toHaveValue(`おすすめの季節は？ ${tag}`);
      await visitor.getByTestId('send').click();

      const [request] = await expectUpstreamRequests(tag, 1);
      expect(request.body).toMatchObject({ model: MODEL_70B, temperature: 0.35, top_p: 0.9, max_tokens: 700 });
      expect(request.body.messages[0]).toEqual({ role: 'system', content: systemPrompt });
      await visitor.context().close();
    });

    test('the conversation can be shared; the link unfurls with the prompt, and survives a language switch', async ({
      page,
      browser,
      request,
    }) => {
      await openChat(page, locale);
      await page.getByTestId('composer').fill(`共有する会話 ${uniqueTag()}`);
      await page.getByTestId('send').click();
      await expect(page.getByTestId('message-assistant')).toHaveAttribute('data-status', 'done');
      await page.getByTestId('share-open').click();
      await page.getByTestId('share-include-conversation').check();
      await expect(page.getByTestId('share-url')).toHaveValue(/share\?p=1\./);
      const link = await page.getByTestId('share-url').inputValue();

      const html = await (await request.get(link)).text();
      expect(html).toMatch(/<meta property="og:title" content="[^"]*Swallow Chat"/);
      expect(html).toContain(
        locale === 'ja'
          ? 'あなたは誠実で優秀な日本人のアシスタントです。'
          : 'You are a helpful, honest assistant, fluent in both Japanese and English.',
      );

      const visitor = await freshPage(browser, locale);
      await visitor.goto(link);
      await expect(visitor.getByTestId('share-preview')).toContainText('共有する会話');
      // Each turn names its speaker in words, read by screen readers; no emoji to stand for them.
      const turns = visitor.getByTestId('share-preview-message');
      await expect(turns).toHaveCount(2);
      await expect(turns.nth(0)).toContainText(MESSAGES[locale].chat.you);
      await expect(turns.nth(1)).toContainText(MESSAGES[locale].chat.assistant);
      expect(await visitor.getByTestId('share-preview').innerText()).not.toMatch(/\p{Extended_Pictographic}/u);
      const other = locale === 'ja' ? 'en' : 'ja';
      await visitor.getByTestId('locale-switcher').selectOption(other);
      await expect(visitor).toHaveURL(new RegExp(`/${other}/share\\?p=1\\.`));
      await expect(visitor.getByTestId('share-load')).toHaveText(MESSAGES[other].share.load);
      await visitor.getByTestId('share-load').click();
      await expect(visitor.getByTestId('message-user')).toContainText('共有する会話');
      await expect(visitor.getByTestId('message-assistant')).toContainText('了解しました。');
      // In history at once, before anything is sent; and still there after a reload.
      await expect(visitor.getByTestId('conversation-item')).toHaveCount(1);
      await expect(visitor.getByTestId('conversation-item')).toContainText('共有する会話');
      await visitor.reload();
      await expect(visitor.getByTestId('conversation-item')).toContainText('共有する会話');
      await visitor.context().close();
    });

    test('a long link is flagged with what to leave out', async ({ page }) => {
      // Text that does not compress: each line different.
      const long = Array.from({ length: 200 }, (_, i) => `${i}: ${Math.random().toString(36).slice(2)}`).join('\n');
      await makeLink(page, locale, long, '');
      await expect(page.getByTestId('share-warning')).toContainText(t.tooLongAdvice);
    });

    test('an unknown model falls back to the default with a note; saving as preset is a choice and keeps the presets saved before', async ({
      page,
    }) => {
      await openChat(page, locale);
      // A returning visitor: a preset saved earlier is read (and validated) while the share page starts.
      await page.evaluate(() =>
        localStorage.setItem(
          'swallow-chat:presets',
          JSON.stringify({
            version: 1,
            presets: [
              {
                id: 'kept',
                name: '前からある',
                description: '',
                systemPrompt: 'x',
                params: { temperature: 0.6, topP: 0.9, maxTokens: 512 },
                starters: [],
              },
            ],
          }),
        ),
      );
      const link = await rawLink(
        page,
        JSON.stringify({
          v: 1,
          name: '謎のモデル',
          systemPrompt: '短く答えて',
          params: { temperature: 0.5, topP: 0.9, maxTokens: 100 },
          model: 'someone/unknown-model',
        }),
      );
      await page.goto(`/${locale}/share?p=${link}`);
      await page.getByTestId('share-save-preset').click();
      await expect(page.getByRole('status').filter({ hasText: '謎のモデル' })).toBeVisible();
      await page.getByTestId('share-load').click();
      await expect(page.getByTestId('share-model-note')).toContainText('someone/unknown-model');
      await expect(page.getByTestId('model-select')).toHaveValue(
        'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
      );
      await page.getByTestId('presets-open').click();
      await expect(page.getByTestId('user-presets')).toContainText('謎のモデル');
      await expect(page.getByTestId('user-presets')).toContainText('前からある');
    });

    test('damaged, truncated, tampered and foreign links explain themselves and leave the app usable', async ({
      page,
    }) => {
      await openChat(page, locale);
      const good = await rawLink(
        page,
        JSON.stringify({ v: 1, systemPrompt: 'x', params: { temperature: 0.5, topP: 0.9, maxTokens: 100 } }),
      );
      const cases: [string, string][] = [
        ['1.@@@', 'bad_encoding'],
        [good.slice(0, good.length - 6), 'bad_compression'],
        [
          await rawLink(
            page,
            JSON.stringify({
              v: 1,
              systemPrompt: 'x',
              params: { temperature: 0.5, topP: 0.9, maxTokens: 100 },
              apiKey: 'k',
              baseURL: 'http://evil',
            }),
          ),
          'wrong_shape',
        ],
        [await rawLink(page, ' '.repeat(400_000)), 'too_large'],
        [good.replace(/^1\./, '7.'), 'bad_version'],
        ['', 'missing'],
      ];
      for (const [p, code] of cases) {
        await page.goto(`/${locale}/share?p=${p}`);
        const error = page.getByTestId('share-error');
        await expect(error).toHaveAttribute('data-code', code);
        await expect(error).toContainText(t.errors.title);
        await expect(page.getByTestId('share-preview')).toHaveCount(0);
        await expect(page.getByTestId('composer')).toBeEditable();
      }
    });
  });
}
