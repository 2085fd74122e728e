import type { ChatStatus } from 'ai';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/client/chat/types';
import { tokensPerSecond } from '@/lib/client/chat/chat-session';
import { ReplyTimer } from './metrics';

class FakeChat {
  messages: ChatMessage[] = [{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'q' }] }];
  status: ChatStatus = 'ready';
  #messages = new Set<() => void>();
  #status = new Set<() => void>();
  subscribeMessages = (f: () => void) => (this.#messages.add(f), () => void this.#messages.delete(f));
  subscribeStatus = (f: () => void) => (this.#status.add(f), () => void this.#status.delete(f));
  subscribeError = () => () => {};
  setStatus(status: ChatStatus) {
    this.status = status;
    this.#status.forEach((f) => f());
  }
  reply(text: string) {
    this.messages = [this.messages[0], { id: 'a', role: 'assistant', parts: [{ type: 'text', text }] }];
    this.#messages.forEach((f) => f());
  }
}

describe('column timing', () => {
  it('measures time to first token and the whole reply from the request', () => {
    const chat = new FakeChat();
    let now = 1000;
    const timer = new ReplyTimer(chat, {}, () => now);
    timer.start();
    chat.reply(''); // the reply's start part: no text yet
    now = 1010;
    chat.setStatus('submitted');
    now = 1250;
    chat.setStatus('streaming');
    chat.reply('こ');
    now = 1400;
    chat.reply('こんにちは');
    now = 2250;
    chat.setStatus('ready');
    expect(timer.timing).toEqual({ ttftMs: 250, durationMs: 1250 });
    now = 9999;
    chat.reply('later edits do not count');
    chat.setStatus('streaming');
    expect(timer.timing).toEqual({ ttftMs: 250, durationMs: 1250 });
  });

  it('a reply that fails before any text has a duration and no first token', () => {
    const chat = new FakeChat();
    let now = 0;
    const timer = new ReplyTimer(chat, {}, () => now);
    timer.start();
    chat.setStatus('submitted');
    now = 300;
    chat.setStatus('error');
    expect(timer.timing).toEqual({ durationMs: 300 });
  });

  it('gives tokens per second only from the upstream usage', () => {
    expect(tokensPerSecond({ ttftMs: 250, durationMs: 1250 }, 51)).toBe(50);
    expect(tokensPerSecond({ ttftMs: 250, durationMs: 1250 }, undefined)).toBeUndefined();
    expect(tokensPerSecond({ ttftMs: 250 }, 51)).toBeUndefined();
    expect(tokensPerSecond({ ttftMs: 250, durationMs: 250 }, 51)).toBeUndefined();
    expect(tokensPerSecond({ ttftMs: 250, durationMs: 900 }, 1)).toBeUndefined();
  });
});
