import { describe, expect, it } from 'vitest';
import { replyStatus } from './reply-status';

describe('replyStatus', () => {
  const none = new Set<string>();
  it('is streaming only for the last reply while the chat streams', () => {
    expect(replyStatus('a', true, 'streaming', none)).toBe('streaming');
    expect(replyStatus('a', false, 'streaming', none)).toBe('done');
  });
  it('is stopped for a reply the user stopped, even after later turns', () => {
    expect(replyStatus('a', false, 'ready', new Set(['a']))).toBe('stopped');
  });
  it('is error for the last reply of a failed turn', () => {
    expect(replyStatus('a', true, 'error', none)).toBe('error');
    expect(replyStatus('a', false, 'error', none)).toBe('done');
  });
});
