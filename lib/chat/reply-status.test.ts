import { describe, expect, it } from 'vitest';
import { failedReplyId, replyStatus } from './reply-status';

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

describe('failedReplyId', () => {
  const user = { id: 'u1', role: 'user' as const };
  const reply = { id: 'a1', role: 'assistant' as const };
  it('is the last reply when the turn failed after it began', () => {
    expect(failedReplyId([user, reply], 'error')).toBe('a1');
  });
  it('is undefined when the request failed before a reply began, or nothing failed', () => {
    expect(failedReplyId([reply, user], 'error')).toBeUndefined();
    expect(failedReplyId([], 'error')).toBeUndefined();
    expect(failedReplyId([user, reply], 'ready')).toBeUndefined();
    expect(failedReplyId([user, reply], 'streaming')).toBeUndefined();
  });
});
