import { describe, expect, it } from 'vitest';
import { failedReplyId, replyStatus, withFailure } from './chat-session';
import type { ChatMessage } from './types';

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

describe('withFailure: the error stays on its reply', () => {
  const user: ChatMessage = { id: 'u', role: 'user', parts: [{ type: 'text', text: '質問' }] };
  const reply: ChatMessage = { id: 'a', role: 'assistant', parts: [{ type: 'text', text: '途中まで' }] };
  const error = new Error('{"error":{"code":"rate_limited"}}');

  it('on the reply that had begun, keeping its text', () => {
    const messages = withFailure([user, reply], error, () => 'new')!;
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({
      id: 'a',
      parts: reply.parts,
      metadata: { state: 'error', error: error.message },
    });
  });

  it('on an empty reply added when none had begun, right after the message sent', () => {
    const messages = withFailure([user], new TypeError('Failed to fetch'), () => 'new')!;
    expect(messages[1]).toEqual({
      id: 'new',
      role: 'assistant',
      parts: [],
      metadata: { state: 'error', error: 'Failed to fetch' },
    });
  });

  it('changes nothing when it is there already, or with nothing sent', () => {
    expect(
      withFailure(
        withFailure([user, reply], error, () => 'x')!,
        error,
        () => 'y',
      ),
    ).toBeNull();
    expect(withFailure([], error, () => 'x')).toBeNull();
  });
});
