import { expect, test } from '@playwright/test';
import {
  expectUpstreamRequests,
  leaveRoomForOneLongTurn,
  MESSAGES,
  openChat,
  sendLongTurn,
  uniqueTag,
} from './support';

for (const locale of ['ja', 'en'] as const) {
  test.describe(`context budget (${locale})`, () => {
    test.use({ locale });

    test('older turns are left out when the conversation outgrows the window, and the user is told', async ({
      page,
    }) => {
      const tag = uniqueTag();
      await openChat(page, locale);
      await leaveRoomForOneLongTurn(page);
      await sendLongTurn(page, tag, '一つ目');
      await expect(page.getByTestId('context-notice')).toHaveCount(0);

      await sendLongTurn(page, tag, '二つ目');
      await expect(page.getByTestId('context-notice')).toBeVisible();
      const expected =
        locale === 'ja' ? MESSAGES.ja.chat.contextNotice.replace('{count}', '1') : 'the oldest exchange is not sent';
      await expect(page.getByTestId('context-notice')).toContainText(expected);

      const requests = await expectUpstreamRequests(tag, 2);
      const sent = requests[1].body.messages.map((m) => m.content);
      expect(sent.some((c) => c.includes('一つ目'))).toBe(false);
      expect(sent.at(-1)).toContain('二つ目');
      expect(requests[1].body.messages[0].role).toBe('system');
    });
  });
}
