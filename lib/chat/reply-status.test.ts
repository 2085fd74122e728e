import { describe, expect, it } from 'vitest';
import { replyStatus } from './reply-status';

describe('replyStatus', () => {
  const plain = { metadata: undefined };
  it('is streaming only for the last reply while the chat streams', () => {
    expect(replyStatus(plain, true, 'streaming')).toBe('streaming');
    expect(replyStatus(plain, false, 'streaming')).toBe('done');
  });
  it('is stopped for a reply the user stopped or one interrupted by a reload', () => {
    expect(replyStatus({ metadata: { state: 'stopped' } }, false, 'ready')).toBe('stopped');
    expect(replyStatus({ metadata: { state: 'interrupted' } }, true, 'ready')).toBe('stopped');
  });
  it('is error for the last reply of a failed turn, or one saved as failed', () => {
    expect(replyStatus(plain, true, 'error')).toBe('error');
    expect(replyStatus(plain, false, 'error')).toBe('done');
    expect(replyStatus({ metadata: { state: 'error' } }, false, 'ready')).toBe('error');
  });
});
