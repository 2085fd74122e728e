import { expect, test, type Page } from '@playwright/test';
import { SHOWCASE } from './fake-upstream/showcase.mjs';
import { lastReply, LOCALES, MESSAGES, openChat, sendMessage, upstreamRequests } from './support';

/**
 * The browser's speech synthesis, replaced by one that records what it is asked to say
 * (`__spoken`) and ends the queued sentences when the test says so (`__finishSpeech`).
 */
function stubSpeechSynthesis(page: Page, withVoices = true) {
  return page.addInitScript((withVoices) => {
    type Utterance = {
      text: string;
      lang: string;
      voice: { name: string } | null;
      onend?: () => void;
      onerror?: (e: unknown) => void;
    };
    const w = window as unknown as Record<string, unknown>;
    const spoken: { text: string; lang: string; voice?: string }[] = [];
    let queue: Utterance[] = [];
    const voices = withVoices
      ? [
          { name: 'Kyoko', lang: 'ja-JP', localService: true, default: false, voiceURI: 'kyoko' },
          { name: 'Samantha', lang: 'en-US', localService: true, default: true, voiceURI: 'samantha' },
        ]
      : [];
    w.__spoken = spoken;
    w.__finishSpeech = () => {
      const done = queue;
      queue = [];
      for (const u of done) u.onend?.();
    };
    w.SpeechSynthesisUtterance = class {
      lang = '';
      voice = null;
      constructor(public text: string) {}
    };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => voices,
        speak(u: Utterance) {
          spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name });
          queue.push(u);
        },
        cancel() {
          const dropped = queue;
          queue = [];
          for (const u of dropped) u.onerror?.({ error: 'interrupted' });
        },
        addEventListener() {},
        removeEventListener() {},
      },
    });
  }, withVoices);
}

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string; voice?: string }[] }).__spoken);

for (const locale of LOCALES) {
  const t = MESSAGES[locale].chat;
  const { question } = SHOWCASE[locale];

  test.describe(`read aloud (${locale})`, () => {
    test.use({ locale });

    test('speaks a reply sentence by sentence in its language, without code or URLs; stop; one reply at a time', async ({
      page,
    }) => {
      await stubSpeechSynthesis(page);
      await openChat(page, locale);
      await sendMessage(page, question);
      const first = page.getByTestId('message-assistant').first();
      await expect(first).toHaveAttribute('data-status', 'done');
      const play = first.getByTestId('read-aloud');
      await expect(play).toHaveAccessibleName(t.readAloud);
      await play.click();
      await expect(play).toHaveAttribute('data-state', 'playing');
      await expect(play).toHaveAccessibleName(t.readAloudStop);

      // The player loads on the first tap, then queues every sentence at once.
      await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
      const said = await spoken(page);
      const lang = locale === 'ja' ? 'ja-JP' : 'en-US';
      const voice = locale === 'ja' ? 'Kyoko' : 'Samantha';
      expect(said.every((u) => u.lang === lang && u.voice === voice)).toBe(true);
      const texts = said.map((u) => u.text);
      expect(texts).toEqual(
        locale === 'ja'
          ? [
              '東京の天気を取得するなら、気象庁の公開 JSON を使うのが手軽です。',
              'API キーは不要で、地域コード 130000（東京都）を指定します。',
              '発表は 1 日 3 回（5 時・11 時・17 時）です',
              '取得した結果は数分キャッシュすると、サーバーへの負荷を抑えられます',
            ]
          : [
              'Here is a small, dependency-free debounce in TypeScript: the call runs once the input has been quiet for ms milliseconds.',
              'Wrap the handler once, not on every render',
              'Use 300 ms for search boxes; shorter for resizing',
            ],
      );

      // Stop: the queue is cancelled and the control offers to play again.
      await play.click();
      await expect(play).toHaveAttribute('data-state', 'idle');

      // A second reply: starting it stops the first; the end of its last sentence ends it.
      await sendMessage(page, '二つ目の質問');
      const second = lastReply(page);
      await expect(second).toHaveAttribute('data-status', 'done');
      await play.click();
      await expect(play).toHaveAttribute('data-state', 'playing');
      await second.getByTestId('read-aloud').click();
      await expect(play).toHaveAttribute('data-state', 'idle');
      await expect(second.getByTestId('read-aloud')).toHaveAttribute('data-state', 'playing');
      await page.evaluate(() => (window as unknown as { __finishSpeech: () => void }).__finishSpeech());
      await expect(second.getByTestId('read-aloud')).toHaveAttribute('data-state', 'idle');
      // The user's own messages have no read-aloud control.
      await expect(page.getByTestId('message-user').getByTestId('read-aloud')).toHaveCount(0);
    });
  });
}

/**
 * The browser's speech recognition, replaced by one the test drives: `__recognitions` lists the
 * recognisers started, `__hear(results)` delivers results to the newest, `__fail(code)` an error.
 */
function stubSpeechRecognition(page: Page) {
  return page.addInitScript(() => {
    type Handler = ((e: unknown) => void) | null;
    const w = window as unknown as Record<string, unknown>;
    const started: { lang: string; onresult: Handler; onerror: Handler; onend: Handler; running: boolean }[] = [];
    class FakeRecognition {
      lang = '';
      continuous = false;
      interimResults = false;
      onresult: Handler = null;
      onerror: Handler = null;
      onend: Handler = null;
      running = false;
      start() {
        this.running = true;
        started.push(this);
      }
      stop() {
        this.end();
      }
      abort() {
        this.end();
      }
      end() {
        if (!this.running) return;
        this.running = false;
        this.onend?.(new Event('end'));
      }
    }
    w.SpeechRecognition = FakeRecognition;
    w.webkitSpeechRecognition = FakeRecognition;
    w.__recognitions = started;
    const current = () => started[started.length - 1];
    w.__hear = (results: { text: string; final: boolean }[]) =>
      current().onresult?.({
        resultIndex: 0,
        results: results.map((r) => ({ isFinal: r.final, length: 1, 0: { transcript: r.text, confidence: 0.9 } })),
      });
    w.__fail = (error: string) => {
      current().onerror?.({ error });
      (current() as unknown as FakeRecognition).end();
    };
  });
}

const hear = (page: Page, results: { text: string; final: boolean }[]) =>
  page.evaluate((r) => (window as unknown as { __hear: (r: unknown) => void }).__hear(r), results);
const recognitionLangs = (page: Page) =>
  page.evaluate(() => (window as unknown as { __recognitions: { lang: string }[] }).__recognitions.map((r) => r.lang));

for (const locale of LOCALES) {
  const t = MESSAGES[locale].chat;
  const ja = locale === 'ja';

  test.describe(`voice input (${locale})`, () => {
    test.use({ locale });

    test('dictates with the browser recogniser: interim shown, final at the caret, IME left alone, errors said, never sent', async ({
      page,
    }) => {
      await stubSpeechRecognition(page);
      await stubSpeechSynthesis(page, false); // no voices: no read-aloud control
      await openChat(page, locale);
      const composer = page.getByTestId('composer');
      const mic = page.getByTestId('voice-input');
      await expect(mic).toHaveAttribute('data-mode', 'browser');
      await expect(mic).toHaveAccessibleName(t.voiceStart);

      const start = ja ? '今日は。明日も' : 'Hello world';
      const caret = ja ? 3 : 6;
      await composer.fill(start);
      await composer.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), caret);
      await mic.click();
      await expect(mic).toHaveAttribute('aria-pressed', 'true');
      expect(await recognitionLangs(page)).toEqual([ja ? 'ja-JP' : 'en-US']);
      await expect(page.getByTestId('voice-privacy')).toHaveText(
        (ja ? /Google のサーバーに送られ/ : /sent to Google/) as RegExp,
      );

      await hear(page, [{ text: ja ? '晴れ' : 'bi', final: false }]);
      await expect(page.getByTestId('voice-interim')).toHaveText(ja ? '晴れ' : 'bi');
      await expect(composer).toHaveValue(start);
      const said = ja ? '晴れです' : 'big';
      await hear(page, [{ text: said, final: true }]);
      const after = ja ? '今日は晴れです。明日も' : 'Hello big world';
      await expect(composer).toHaveValue(after);
      await expect(page.getByTestId('voice-interim')).toHaveCount(0);
      await expect
        .poll(() => composer.evaluate((el: HTMLTextAreaElement) => el.selectionStart))
        .toBe(caret + said.length + (ja ? 0 : 1));

      // An IME composition in progress is not touched: the dictated text waits for it to end.
      await composer.focus();
      await composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'かな', selectionStart: 2, selectionEnd: 2 });
      await hear(page, [{ text: '追加', final: true }]);
      await expect(composer).toHaveValue(`${after}かな`);
      await cdp.send('Input.insertText', { text: '仮名' });
      await expect(composer).toHaveValue(`${after}仮名追加`);

      // Switching the language goes on listening in the other one.
      await expect(page.getByTestId(`voice-lang-${locale}`)).toHaveAttribute('aria-pressed', 'true');
      await page.getByTestId(ja ? 'voice-lang-en' : 'voice-lang-ja').click();
      await expect(page.getByTestId(ja ? 'voice-lang-en' : 'voice-lang-ja')).toHaveAttribute('aria-pressed', 'true');
      expect(await recognitionLangs(page)).toEqual(ja ? ['ja-JP', 'en-US'] : ['en-US', 'ja-JP']);
      await mic.click();
      await expect(mic).toHaveAttribute('aria-pressed', 'false');

      // Each failure says what happened, and the draft stays as it was.
      for (const [code, key] of [
        ['not-allowed', 'voicePermission'],
        ['no-speech', 'voiceNoSpeech'],
        ['network', 'voiceNetwork'],
      ] as const) {
        await mic.click();
        await page.evaluate((c) => (window as unknown as { __fail: (c: string) => void }).__fail(c), code);
        await expect(page.getByTestId('voice-error')).toContainText(t[key]);
        await expect(page.getByTestId('voice-error')).toContainText(t.voiceDraftKept);
        await expect(mic).toHaveAttribute('aria-pressed', 'false');
      }
      await expect(composer).toHaveValue(`${after}仮名追加`);
      await expect(page.getByTestId('message-user')).toHaveCount(0);

      // Only the send button sends it.
      await page.getByTestId('send').click();
      await expect(page.getByTestId('message-user')).toContainText(`${after}仮名追加`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'done');
      await expect(page.getByTestId('read-aloud')).toHaveCount(0);
    });

    test('without a browser recogniser, records and transcribes through the server; too large refused', async ({
      page,
      request,
    }) => {
      await page.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        delete w.SpeechRecognition;
        delete w.webkitSpeechRecognition;
      });
      await openChat(page, locale);
      const mic = page.getByTestId('voice-input');
      await expect(mic).toHaveAttribute('data-mode', 'server');
      await page.getByTestId('composer').fill(ja ? '前置き：' : 'Note:');
      await mic.click();
      await expect(page.getByTestId('voice-privacy')).toHaveText(t.voiceWhereServer);
      await expect(page.getByTestId('voice-status')).toContainText('0:01 / 0:30');
      await mic.click();
      await expect(page.getByTestId('composer')).toHaveValue(
        ja ? '前置き：音声から書き起こした文です' : 'Note: text transcribed from speech',
      );
      await expect(page.getByTestId('message-user')).toHaveCount(0);
      const [forwarded] = (await upstreamRequests(`"language":"${locale}"`)).filter(
        (r) => (r.body as unknown as { transcription?: unknown }).transcription,
      );
      expect(forwarded.authorization).toBe('Bearer stt-test-key');
      expect((forwarded.body as unknown as { transcription: Record<string, unknown> }).transcription).toMatchObject({
        model: 'whisper-test',
        responseFormat: 'json',
        fileName: 'speech.webm',
      });

      // The route's caps, named in its JSON answer.
      const big = await request.post('/api/transcribe', {
        multipart: {
          file: { name: 'a.webm', mimeType: 'audio/webm', buffer: Buffer.alloc(250_000) },
          language: locale,
        },
      });
      expect(big.status()).toBe(413);
      expect((await big.json()).error).toMatchObject({ code: 'payload_too_large', field: 'file', maxBytes: 200_000 });
      const notAudio = await request.post('/api/transcribe', {
        multipart: { file: { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') } },
      });
      expect(notAudio.status()).toBe(415);
    });
  });
}
