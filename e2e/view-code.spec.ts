import { expect, test, type Page } from '@playwright/test';
import { runSnippet } from './snippet-runner';
import {
  expectUpstreamRequests,
  headerControl,
  lastReply,
  leaveRoomForOneLongTurn,
  MESSAGES,
  openChat,
  sendLongTurn,
  sendMessage,
  UPSTREAM,
  uniqueTag,
  behaviourLocales,
} from './support';

const MODEL_70B = 'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1';
const LANGS = ['curl', 'python', 'javascript', 'ai-sdk'] as const;
const SNIPPET_KEY = 'snippet-test-key';

async function readSnippets(page: Page): Promise<Record<(typeof LANGS)[number], string>> {
  const dialog = page.getByTestId('view-code-dialog');
  await expect(dialog.getByTestId('code-snippet')).toHaveCount(LANGS.length);
  const entries = await Promise.all(
    LANGS.map(
      async (lang) =>
        [
          lang,
          (await dialog.locator(`[data-testid="code-snippet"][data-lang="${lang}"]`).textContent()) ?? '',
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<(typeof LANGS)[number], string>;
}

for (const locale of behaviourLocales('ja')) {
  const t = MESSAGES[locale].viewCode;

  test.describe(`view code (${locale})`, () => {
    test.use({ locale });

    test('curl, JavaScript (openai) and AI SDK snippets send upstream exactly what the app sends; Python compiles', async ({
      page,
    }) => {
      test.slow(); // runs three real clients
      const tag = uniqueTag();
      await openChat(page, locale);
      await page.getByTestId('model-select').selectOption(MODEL_70B);
      await page.getByTestId('param-temperature').fill('0.35');
      await page.getByTestId('param-top-p').fill('0.8');
      await page.getByTestId('param-max-tokens').fill('700');
      await page.getByTestId('system-prompt').fill(`あなたは京都の案内人です。"引用" $HOME \`date\` ${tag}`);
      await sendMessage(page, `最初の質問 ${tag}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');

      // The next message, with everything that breaks naive quoting, is still a draft.
      const next = `  次は？ 'single' "double" \`tick\` \\ $PATH 🍣\n二行目 ${tag}-next  `;
      await page.getByTestId('composer').fill(next);
      await (await headerControl(page, 'view-code')).click();
      const dialog = page.getByTestId('view-code-dialog');
      await expect(dialog.getByRole('heading', { name: t.title })).toBeVisible();
      const code = await readSnippets(page);

      // The test server uses a private SWALLOW_BASE_URL: it is not shown, and no key is.
      await expect(dialog.getByTestId('view-code-url-note')).toHaveText(t.urlNote.replace('{env}', 'SWALLOW_BASE_URL'));
      await expect(dialog.getByTestId('view-code-key-note')).toHaveText(t.keyNote.replace('{env}', 'SWALLOW_API_KEY'));
      for (const snippet of Object.values(code)) expect(snippet).not.toContain(new URL(UPSTREAM).host);

      const env = { SWALLOW_BASE_URL: `${UPSTREAM}/v1`, SWALLOW_API_KEY: SNIPPET_KEY };
      for (const lang of ['curl', 'javascript', 'ai-sdk'] as const) await runSnippet(lang, code[lang], env);
      await runSnippet('python', code.python, {});
      const fromSnippets = await expectUpstreamRequests(`${tag}-next`, 3);

      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await page.getByTestId('send').click();
      const all = await expectUpstreamRequests(`${tag}-next`, 4);
      const fromApp = all.filter((r) => !fromSnippets.some((s) => s.id === r.id));
      expect(fromApp).toHaveLength(1);
      const appBody = fromApp[0].body;

      // What the app sent is what we set up, so the comparison below is not trivially empty.
      expect(appBody).toMatchObject({ model: MODEL_70B, temperature: 0.35, top_p: 0.8, max_tokens: 700, stream: true });
      expect(appBody.messages).toHaveLength(4);
      expect(appBody.messages.at(-1)).toEqual({ role: 'user', content: next.trim() });
      for (const request of fromSnippets) {
        expect(request.body).toEqual(appBody);
        expect(request.authorization).toBe(`Bearer ${SNIPPET_KEY}`);
      }
    });

    test('a conversation longer than the context window: the snippet leaves out the turns the server drops, and says so', async ({
      page,
    }) => {
      test.slow(); // long messages through the tokenizer, and a real curl
      const tag = uniqueTag();
      await openChat(page, locale);
      await leaveRoomForOneLongTurn(page);
      await sendLongTurn(page, tag, '一つ目');
      await sendLongTurn(page, tag, '二つ目');

      await page.getByTestId('composer').fill(`[[scenario:empty]] ${tag}-next 三つ目`);
      // The browser counts what the chat route would drop (the context meter's token worker): the
      // dialog asks the server nothing (there is no /api/code-target any more).
      const apiRequests: string[] = [];
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/api/')) apiRequests.push(`${request.method()} ${pathname}`);
      });
      await (await headerControl(page, 'view-code')).click();
      const dialog = page.getByTestId('view-code-dialog');
      const note = dialog.getByTestId('view-code-context-note');
      await expect(note).toHaveText(
        locale === 'ja' ? t.contextNote.replace('{count}', '1') : /the oldest exchange is left out/,
      );
      const code = await readSnippets(page);
      expect(code.curl).not.toContain('一つ目');
      expect(apiRequests).toEqual([]);
      await runSnippet('curl', code.curl, { SWALLOW_BASE_URL: `${UPSTREAM}/v1`, SWALLOW_API_KEY: SNIPPET_KEY });
      const [fromSnippet] = await expectUpstreamRequests(`${tag}-next`, 1);

      await page.keyboard.press('Escape');
      await page.getByTestId('send').click();
      const both = await expectUpstreamRequests(`${tag}-next`, 2);
      const fromApp = both.find((r) => r.id !== fromSnippet.id)!;
      expect(fromApp.body.messages.map((m) => m.content.slice(0, 60))).toEqual(
        fromSnippet.body.messages.map((m) => m.content.slice(0, 60)),
      );
      expect(fromSnippet.body).toEqual(fromApp.body);
      expect(fromApp.body.messages.some((m) => m.content.includes('一つ目'))).toBe(false);
    });

    test('tabs switch with the keyboard, copy puts the snippet on the clipboard, an empty chat gets a placeholder', async ({
      page,
      context,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await openChat(page, locale);
      await (await headerControl(page, 'view-code')).click();
      const dialog = page.getByTestId('view-code-dialog');
      const code = await readSnippets(page);
      await expect(dialog.getByText(t.placeholderNote)).toBeVisible();
      expect(code.javascript).toContain(JSON.stringify(t.placeholder));

      const curlTab = dialog.getByRole('tab', { name: t.lang.curl });
      await expect(curlTab).toHaveAttribute('aria-selected', 'true');
      await curlTab.focus();
      await page.keyboard.press('ArrowRight');
      await expect(dialog.getByRole('tab', { name: t.lang.python })).toHaveAttribute('aria-selected', 'true');
      await expect(dialog.locator('[data-testid="code-snippet"][data-lang="python"]')).toBeVisible();
      await expect(dialog.locator('[data-testid="code-snippet"][data-lang="curl"]')).toBeHidden();

      await dialog.getByRole('tabpanel').getByRole('button', { name: t.copy }).click();
      await expect(dialog.getByRole('tabpanel').getByRole('button', { name: t.copied })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code.python);

      await dialog.getByRole('button', { name: t.close, exact: true }).click();
      await expect(dialog).toBeHidden();
      // Focus goes back where the dialog was opened from: the button, or the "…" menu's button
      // when the button is in that menu (closed as the dialog opened).
      const inRow = await page.getByTestId('view-code').isVisible();
      await expect(page.getByTestId(inRow ? 'view-code' : 'header-menu-toggle')).toBeFocused();
    });
  });
}
