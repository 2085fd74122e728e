import type { ChatStatus } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import type { ChatHandle } from './chat-session';
import { deleteMessage, restoreMessage, retryFailedTurn } from './message-actions';
import { versionTree } from './versions';
import type { ChatMessage } from './types';

const message = (id: string, role: 'user' | 'assistant'): ChatMessage => ({ id, role, parts: [] });

/** A chat in a given state; clearError and regenerate record their calls. */
function chatIn(status: ChatStatus, messages: ChatMessage[]) {
  const chat = {
    id: 'c',
    messages,
    status,
    error: status === 'error' ? new Error('{"code":"rate_limited"}') : undefined,
    sendMessage: vi.fn(async () => {}),
    regenerate: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    clearError: vi.fn(() => {
      chat.status = 'ready';
      chat.error = undefined;
    }),
    subscribeMessages: () => () => {},
    subscribeStatus: () => () => {},
    subscribeError: () => () => {},
  };
  return chat satisfies ChatHandle;
}

describe('deleteMessage', () => {
  it('takes the error with the failed reply it is shown in', async () => {
    const chat = chatIn('error', [message('u1', 'user'), message('a1', 'assistant')]);
    await deleteMessage(chat, 'a1');
    expect(chat.messages.map((m) => m.id)).toEqual(['u1']);
    expect(chat.clearError).toHaveBeenCalledOnce();
  });

  it('leaves the error of the failed reply when another message is deleted', async () => {
    const chat = chatIn('error', [message('u1', 'user'), message('a1', 'assistant'), message('u2', 'user')]);
    await deleteMessage(chat, 'a1');
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'u2']);
    expect(chat.clearError).not.toHaveBeenCalled();
  });
});

describe('retryFailedTurn', () => {
  it('clears the error, then asks for the reply again', async () => {
    const chat = chatIn('error', [message('u1', 'user'), message('a1', 'assistant')]);
    await retryFailedTurn(chat);
    expect(chat.clearError).toHaveBeenCalledOnce();
    expect(chat.regenerate).toHaveBeenCalledOnce();
    expect(chat.clearError.mock.invocationCallOrder[0]).toBeLessThan(chat.regenerate.mock.invocationCallOrder[0]);
  });
});

describe('restoreMessage (undo of a delete)', () => {
  it('puts the message back where it was', async () => {
    const chat = chatIn('ready', [message('u1', 'user'), message('a1', 'assistant'), message('u2', 'user')]);
    const removed = await deleteMessage(chat, 'a1');
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'u2']);
    restoreMessage(chat, removed!);
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2']);
    restoreMessage(chat, removed!);
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2']);
  });
});

describe('deleting a version', () => {
  /** A chat that tells its subscribers when its messages change, as the real one does. */
  function observable(messages: ChatMessage[]) {
    const listeners = new Set<() => void>();
    const chat = {
      ...chatIn('ready', messages),
      get messages() {
        return messages;
      },
      set messages(next: ChatMessage[]) {
        messages = next;
        listeners.forEach((listener) => listener());
      },
      subscribeMessages: (listener: () => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    return chat satisfies ChatHandle;
  }

  it('shows the version beside it with its follow-ups; undo brings the deleted one and its own back', async () => {
    const chat = observable([message('u1', 'user'), message('a1', 'assistant'), message('u2', 'user')]);
    const tree = versionTree(chat);
    chat.messages = [message('u1', 'user'), message('a1b', 'assistant')]; // a regenerate
    expect(tree.info('a1b')).toEqual({ index: 1, count: 2 });

    const removed = await deleteMessage(chat, 'a1b');
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2']);
    expect(tree.info('a1')).toBeNull();
    expect(tree.stored(chat.messages)).toEqual([]);

    restoreMessage(chat, removed!);
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(tree.info('a1b')).toEqual({ index: 1, count: 2 });
    expect(tree.switched(chat.messages, 'a1b', -1)?.map((m) => m.id)).toEqual(['u1', 'a1', 'u2']);
  });
});
