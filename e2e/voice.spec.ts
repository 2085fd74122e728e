import { expect, test, type Page } from '@playwright/test';
import { SHOWCASE } from './fake-upstream/showcase.mjs';
import { lastReply, LOCALES, MESSAGES, openChat, sendMessage } from './support';

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
      const first = lastReply(page);
      await expect(first).toHaveAttribute('data-status', 'done');
      const play = first.getByTestId('read-aloud');
      await expect(play).toHaveAccessibleName(t.readAloud);
      await play.click();
      await expect(play).toHaveAttribute('data-state', 'playing');
      await expect(play).toHaveAccessibleName(t.readAloudStop);

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
