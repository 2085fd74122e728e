import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json' with { type: 'json' };
import ja from '../../../messages/ja.json' with { type: 'json' };
import { ATTACHMENT_ERROR_CODES } from './protocol';

const MESSAGES = { ja, en };

describe('attachment error messages', () => {
  it.each(Object.keys(MESSAGES) as (keyof typeof MESSAGES)[])('every code has one in %s', (locale) => {
    const errors = MESSAGES[locale].attachments.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual([...ATTACHMENT_ERROR_CODES].sort());
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'attachments.errors' });
    const format = (code: (typeof ATTACHMENT_ERROR_CODES)[number]) => t(code, { name: 'a.pdf', limit: '10 MB' });
    // too large names the limit; no text says it looks scanned; binary says it is not text.
    for (const code of ATTACHMENT_ERROR_CODES) expect(format(code), code).toContain('a.pdf');
    expect(format('too_large')).toContain('10 MB');
    expect(format('pdf_no_text')).toMatch(locale === 'ja' ? /スキャン/ : /scan/);
    expect(format('binary')).toMatch(locale === 'ja' ? /テキストファイルではない/ : /not a text file/);
  });
});
