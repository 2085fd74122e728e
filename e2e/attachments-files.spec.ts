/**
 * Reading attached files (issue #19, items 2, 5 and 6), through the attach button of the real
 * app: every file is made here as a user would have it — a PDF printed by Chromium itself from a
 * Japanese page, a CSV in Shift_JIS as Japanese Excel saves it, a .docx made by LibreOffice, a
 * PDF in non-embedded fonts with Adobe's CMaps, a damaged PDF, a password-protected one, a scan
 * without a text layer, a PNG renamed .txt — and we check what reached the fake upstream, or the
 * localized message and that nothing else was lost.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createTranslator } from 'next-intl';
import { cmapPdf, encryptPdf } from './fixtures/pdf';
import { encodeShiftJis } from './fixtures/sjis';
import { expectUpstreamRequests, MESSAGES, openChat, uniqueTag, behaviourLocales } from './support';

// Each test prints PDFs in Chromium, encrypts one with qpdf and starts the extraction worker (pdf.js
// loads in it): 20-30 s on this 2-core machine under the load of a full run.
test.slow();

const MINUTES = [
  '議事録（第12回 営業会議）',
  '本日の会議では、来期の予算案について議論した。',
  '髙橋さんから①売上、②経費の説明があった。',
];
const COVER = '表紙：社外秘（配布先限定）';
const APPENDIX = ['付録Ａ：売上明細は別紙のとおり。', '付録Ｂ：次回は十二月十日に開催する。'];
/** As Excel writes it: CRLF, ①㈱ (NEC row 13), 髙 and 﨑 as Windows writes them (FB FC, FA B1), half-width kana. */
const CSV_LINES = [
  '社員番号,氏名,部署,備考',
  '1001,髙橋 一郎,営業部,①担当・㈱サンプル',
  '1002,山﨑 花子,総務部,ﾔﾏｻﾞｷ ﾊﾅｺ',
];

function excelCsv(): Buffer {
  const bytes = Buffer.from(encodeShiftJis(CSV_LINES.map((line) => `${line}\r\n`).join('')));
  // The encoder writes the NEC-selected codes of the IBM extension kanji; Windows writes these.
  return Buffer.from(bytes.toString('hex').replace('eee0', 'fbfc').replace('ed95', 'fab1'), 'hex');
}

/** A Japanese page printed to PDF by Chromium (Noto Sans CJK JP, subset fonts with a ToUnicode map). */
async function printedPdf(browser: Browser, body: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(
      `<!doctype html><html lang="ja"><body style="font-family: 'Noto Sans CJK JP', sans-serif">${body}</body></html>`,
    );
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}

/** A page with only a photo of text on it, printed: a PDF without a text layer. */
async function scannedPdf(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent('<canvas id="c" width="600" height="200"></canvas><img id="scan">');
    await page.evaluate(() => {
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, 600, 200);
      context.fillStyle = '#000';
      context.font = '32px sans-serif';
      context.fillText('スキャンした請求書', 20, 100);
      (document.getElementById('scan') as HTMLImageElement).src = canvas.toDataURL('image/png');
      canvas.remove();
    });
    await page.locator('#scan').evaluate((img: HTMLImageElement) => img.decode());
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}

type FileSpec = { name: string; mimeType: string; buffer: Buffer };
const file = (name: string, buffer: Buffer | Uint8Array, mimeType = ''): FileSpec => ({
  name,
  mimeType,
  buffer: Buffer.from(buffer),
});

async function attach(page: Page, files: FileSpec[]): Promise<void> {
  await page.getByTestId('attach-input').setInputFiles(files);
}

/** Collects CSP violations in the page (the parsers run in a worker of ours, with no eval). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('Japanese files reach the model as text, intact: Chromium PDF, Excel CSV, .docx, PDF with CMaps', async ({
  page,
  browser,
}) => {
  const tag = uniqueTag();
  // Four pages; the minutes are on page 2, the user keeps pages 2-3 (item 3: keep only some pages).
  const pdf = await printedPdf(
    browser,
    [
      `<p>${COVER}</p>`,
      `<h1>${MINUTES[0]}</h1><p>${MINUTES[1]}</p><p>${MINUTES[2]}</p>`,
      `<p>${APPENDIX[0]}</p>`,
      `<p>${APPENDIX[1]}</p>`,
    ]
      .map((page) => `<section style="break-after: page">${page}</section>`)
      .join(''),
  );
  const cmaps = cmapPdf(encodeShiftJis('契約書（案）第１条 ①㈱'), '秘密保持契約');
  const requests: string[] = [];
  const posts: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
    if (request.method() !== 'GET') posts.push(new URL(request.url()).pathname);
  });
  await openChat(page, 'ja');
  const violations = await watchCsp(page);

  await attach(page, [
    file('議事録.pdf', pdf, 'application/pdf'),
    file('社員一覧.csv', excelCsv(), 'text/csv'),
    file('報告書.docx', readFileSync('e2e/fixtures/report-ja.docx')),
    file('契約書.pdf', cmaps, 'application/pdf'),
  ]);
  await expect(page.getByTestId('attachment')).toHaveCount(4);
  // The first file starts the worker, which loads pdf.js: seconds on a loaded 2-core machine.
  await expect(page.getByTestId('attachment-tokens')).toHaveCount(4, { timeout: 60_000 });

  // Pages 2-3 of the PDF, typed as a person does (the field is emptied on the way): the chip's
  // count and the meter go down.
  const t = createTranslator({ locale: 'ja', messages: MESSAGES.ja, namespace: 'attachments' });
  const chip = page.getByTestId('attachment').filter({ hasText: '議事録.pdf' });
  const meter = page.getByTestId('context-meter');
  await expect(meter).toHaveAttribute('data-current', 'true');
  const chipBefore = Number(await chip.getAttribute('data-tokens'));
  const usedBefore = Number(await meter.getAttribute('data-used'));
  await expect(chip.getByTestId('attachment-pages')).toContainText(t('pagesOf', { total: 4 }));
  for (const [label, page] of [
    ['pagesFrom', '2'],
    ['pagesTo', '3'],
  ] as const) {
    const field = chip.getByLabel(t(label, { name: '議事録.pdf' }));
    await field.selectText();
    await field.press('Backspace');
    await field.pressSequentially(page);
    await field.blur();
    await expect(field).toHaveValue(page);
  }
  await expect.poll(async () => Number(await chip.getAttribute('data-tokens'))).toBeLessThan(chipBefore);
  await expect(meter).toHaveAttribute('data-current', 'true');
  await expect.poll(async () => Number(await meter.getAttribute('data-used'))).toBeLessThan(usedBefore);

  await page.getByTestId('composer').fill(`${tag} これらの資料を要約してください。`);
  await page.getByTestId('send').click();

  const [request] = await expectUpstreamRequests(tag, 1);
  const turn = request.body.messages.at(-1)!.content;
  const block = (name: string) => {
    const match = new RegExp(`<document name="${name}">\\n([\\s\\S]*?)\\n</document>`).exec(turn);
    expect(match, `${name} in the user turn`).not.toBeNull();
    return match![1];
  };
  // The PDF's lines break where the page did; its characters are those of the page (本日, not the radical ⽇).
  // Pages 2 and 3 only, a blank line between them.
  const [minutes, appendix] = block('議事録.pdf').split('\n\n');
  expect(minutes.replace(/\n/g, '')).toBe(MINUTES.join(''));
  expect(appendix).toBe(APPENDIX[0]);
  expect(turn).not.toContain(COVER);
  expect(turn).not.toContain(APPENDIX[1]);
  expect(block('社員一覧.csv')).toBe(CSV_LINES.join('\n'));
  expect(block('報告書.docx')).toContain('営業部の髙橋です。今月の売上は前年同月比１２％増の３，４５０万円でした。');
  expect(block('報告書.docx')).toContain('新規顧客：㈱サンプル商事、山﨑工業');
  expect(block('契約書.pdf')).toBe('契約書（案）第１条 ①㈱\n秘密保持契約');
  expect(turn).not.toMatch(/[\uFFFD\u2F00-\u2FDF]/);
  expect(turn.trimEnd().endsWith(`${tag} これらの資料を要約してください。`)).toBe(true);

  // Files are read in the browser (item 6): the one request that carries anything is the chat.
  expect(posts).toEqual(['/api/chat']);
  // The CMaps came from the app; nothing came from anywhere else, and the CSP was never in the way.
  expect(requests.some((url) => url.endsWith('/pdfjs/cmaps/90ms-RKSJ-H.bcmap'))).toBe(true);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
  expect(await violations()).toEqual([]);
});

for (const locale of behaviourLocales('ja')) {
  test(`${locale}: files that cannot be read each say why, and the draft and the good file stay`, async ({
    page,
    browser,
  }) => {
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'attachments.errors' });
    const good = await printedPdf(browser, `<p>${MINUTES[1]}</p>`);
    const bad: [FileSpec, Parameters<typeof t>[0]][] = [
      [
        file('壊れた.pdf', Buffer.concat([good.subarray(0, 40), Buffer.alloc(400, 0x41)]), 'application/pdf'),
        'pdf_corrupt',
      ],
      [file('保護された.pdf', encryptPdf(good), 'application/pdf'), 'pdf_encrypted'],
      [file('スキャン.pdf', await scannedPdf(browser), 'application/pdf'), 'pdf_no_text'],
      [file('写真.txt', await page.screenshot(), 'text/plain'), 'binary'],
      [file('古い.docx', Buffer.from('PK\x03\x04 not really a zip', 'latin1')), 'docx_corrupt'],
    ];
    if (locale === 'en') bad.splice(0, 2); // every message is in both languages (unit test); the flow once more
    await openChat(page, locale);
    const draft = locale === 'ja' ? '添付した資料について質問です。' : 'A question about the attached files.';
    await page.getByTestId('composer').fill(draft);

    await attach(page, [file('議事.pdf', good, 'application/pdf'), ...bad.map(([spec]) => spec)]);
    const errors = page.getByTestId('attachment-error');
    // Each message appears when its file has been read; the worker reads them one after another.
    await expect(errors).toHaveCount(bad.length, { timeout: 60_000 });
    for (const [spec, code] of bad)
      await expect(errors.filter({ hasText: t(code, { name: spec.name, limit: '' }) })).toHaveCount(1);
    await expect(page.getByTestId('attachment')).toHaveCount(1);
    await expect(page.getByTestId('attachment-tokens')).toHaveCount(1);
    await expect(page.getByTestId('composer')).toHaveValue(draft);
  });
}

for (const locale of ['ja', 'en'] as const) {
  test(`${locale}: on a phone (320 and 360 px) an attached PDF's chip shows its name, page range and remove button, all on screen`, async ({
    page,
    browser,
  }) => {
    const pdf = await printedPdf(
      browser,
      ['一ページ目', '二ページ目', '三ページ目']
        .map((text) => `<section style="break-after: page"><p>${text}</p></section>`)
        .join(''),
    );
    const name = '2026年度 第3四半期 営業会議 議事録（最終版・社外秘）.pdf';
    await page.setViewportSize({ width: 360, height: 740 });
    await openChat(page, locale);
    await attach(page, [file(name, pdf, 'application/pdf')]);
    const chip = page.getByTestId('attachment');
    await expect(chip.getByTestId('attachment-tokens')).toBeVisible({ timeout: 60_000 });
    await expect(chip.getByTestId('attachment-pages')).toBeVisible();

    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 740 });
      // Nothing scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      // The name: shown (ellipsised when long), never squeezed to nothing.
      const shown = await chip.getByTestId('attachment-name').evaluate((el) => ({
        width: el.getBoundingClientRect().width,
        text: el.textContent,
        ellipsised: el.scrollWidth > el.clientWidth,
      }));
      expect(shown.text).toBe(name);
      expect(shown.width, `name width at ${width}`).toBeGreaterThan(100);
      expect(shown.ellipsised).toBe(true);
      // Page fields and the remove button inside the viewport, 44 px for a finger.
      const controls = [
        ...(await chip.getByTestId('attachment-pages').locator('input').all()),
        chip.getByTestId('attachment-remove'),
      ];
      expect(controls).toHaveLength(3);
      for (const control of controls) {
        const box = (await control.boundingBox())!;
        expect(box.x, `${width}px: left edge`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${width}px: right edge`).toBeLessThanOrEqual(width);
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.width).toBeGreaterThanOrEqual(44);
      }
    }
    // The file can be removed.
    await chip.getByTestId('attachment-remove').click();
    await expect(page.getByTestId('attachment')).toHaveCount(0);
  });
}
