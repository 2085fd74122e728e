import { describe, expect, it } from 'vitest';
import { pickVoice, speakableText, speechLang, splitSentences } from './speakable';

describe('speakableText', () => {
  it('leaves out code blocks, display math, URLs and Markdown marks', () => {
    const md = [
      '## 天気の取得',
      '**API キーは不要**で、地域コード `130000` を指定します。詳しくは [気象庁](https://www.jma.go.jp/) へ。',
      '',
      '```ts',
      "const url = 'https://example.com';",
      '```',
      '',
      '$$',
      'E = mc^2',
      '$$',
      '- 発表は 1 日 3 回です',
      '1. 手順その一',
      '> 引用です',
      '---',
      '| 列 | 値 |',
      '|---|---|',
      '| a | b |',
      '![図](x.png) 参照: https://example.com/docs?q=1 まで',
    ].join('\n');
    expect(speakableText(md)).toBe(
      [
        '天気の取得',
        'API キーは不要で、地域コード 130000 を指定します。詳しくは 気象庁 へ。',
        '発表は 1 日 3 回です',
        '手順その一',
        '引用です',
        '列、値',
        'a、b',
        '参照: まで',
      ].join('\n'),
    );
  });

  it('keeps snake_case words and ends an unclosed fence at the end of the reply', () => {
    expect(speakableText('Use my_var here.\n~~~\ncode')).toBe('Use my_var here.');
    expect(speakableText('_emphasis_ and __strong__')).toBe('emphasis and strong');
  });
});

describe('splitSentences', () => {
  it('cuts at 。！？.!? with closing brackets kept, not inside numbers or file names', () => {
    expect(splitSentences('こんにちは。「元気？」と聞いた！ Pi is 3.14. See file.ts now!? ok')).toEqual([
      'こんにちは。',
      '「元気？」と聞いた！',
      'Pi is 3.14.',
      'See file.ts now!?',
      'ok',
    ]);
  });

  it('makes every line a sentence of its own', () => {
    expect(splitSentences('見出し\n本文です。続き')).toEqual(['見出し', '本文です。', '続き']);
  });
});

describe('speechLang', () => {
  it('is ja-JP for Japanese with English words in it, en-US for English quoting Japanese', () => {
    expect(speechLang('React のコンポーネントをテストする方法')).toBe('ja-JP');
    expect(speechLang('The word 日本語 means the Japanese language.')).toBe('en-US');
    expect(speechLang('')).toBe('en-US');
  });
});

describe('pickVoice', () => {
  const voice = (name: string, lang: string, localService = true, isDefault = false) =>
    ({ name, lang, localService, default: isDefault, voiceURI: name }) as SpeechSynthesisVoice;

  it('prefers the exact locale, then a local voice', () => {
    const voices = [voice('en', 'en-US', true, true), voice('ja-net', 'ja-JP', false), voice('ja-local', 'ja_JP')];
    expect(pickVoice(voices, 'ja-JP')?.name).toBe('ja-local');
    expect(pickVoice(voices, 'en-US')?.name).toBe('en');
    expect(pickVoice([voice('en', 'en-GB')], 'ja-JP')).toBeUndefined();
  });
});
