import { describe, expect, it } from 'vitest';
import { recordingMimeType, withDictation } from './dictation';

describe('withDictation', () => {
  it('puts Japanese at the caret without spaces, the caret after it', () => {
    expect(withDictation('今日は。明日も', '晴れです', 3, 3)).toEqual({ value: '今日は晴れです。明日も', caret: 7 });
  });

  it('separates Latin words with a space on either side, and replaces a selection', () => {
    expect(withDictation('Hello world', 'big', 6, 6)).toEqual({ value: 'Hello big world', caret: 10 });
    expect(withDictation('Hello', 'there', 5, 5)).toEqual({ value: 'Hello there', caret: 11 });
    expect(withDictation('a XXX b', 'new', 2, 5)).toEqual({ value: 'a new b', caret: 5 });
    expect(withDictation('', 'first', 0, 0)).toEqual({ value: 'first', caret: 5 });
  });
});

describe('recordingMimeType', () => {
  it('prefers Opus in WebM, then what the browser has (Safari: MP4)', () => {
    expect(recordingMimeType({ isTypeSupported: () => true })).toBe('audio/webm;codecs=opus');
    expect(recordingMimeType({ isTypeSupported: (t) => t === 'audio/mp4' })).toBe('audio/mp4');
    expect(recordingMimeType({ isTypeSupported: () => false })).toBeUndefined();
  });
});
