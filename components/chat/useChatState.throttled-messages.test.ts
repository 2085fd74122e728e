import { ObservableChat } from '../../lib/client/runtime/chat/chat-runtime';
import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import type { Clock } from './useChatState';
import { messagesShape, throttledMessages } from './useChatState';
import type { ChatMessage } from '../../lib/client/chat/types';
import { messageText } from '../../lib/client/chat/chat-session';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A chat whose reply is streamed by the test, chunk by chunk. */
function scriptedChat() {
  let controller!: ReadableStreamDefaultController<UIMessageChunk>;
  const chat = new ObservableChat<ChatMessage>({
    transport: {
      sendMessages: async () => new ReadableStream<UIMessageChunk>({ start: (c) => void (controller = c) }),
      reconnectToStream: async () => null,
    },
  });
  const send = async (chunk: UIMessageChunk) => {
    controller.enqueue(chunk);
    await settle();
  };
  return { chat, send, close: async () => (controller.close(), await settle()) };
}

function manualClock() {
  let now = 0;
  const timers = new Set<{ fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn) => {
      const timer = { fn };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer) => void timers.delete(timer as { fn: () => void }),
  };
  const fire = (ms: number) => {
    now += ms;
    const due = [...timers];
    timers.clear();
    due.forEach((t) => t.fn());
  };
  return { clock, fire };
}

describe('throttledMessages', () => {
  it('passes on the question, the start of the reply and its first characters at once, later text throttled, the end at once', async () => {
    const { chat, send, close } = scriptedChat();
    const { clock, fire } = manualClock();
    const source = throttledMessages(chat, 50, clock);
    const seen: string[] = [];
    const off = source.subscribe(() =>
      seen.push(
        source
          .get()
          .map((m) => `${m.role}:${messageText(m)}`)
          .join(' | '),
      ),
    );

    void chat.sendMessage({ text: '質問' });
    await settle();
    await send({ type: 'start', messageId: 'a1' });
    await send({ type: 'text-start', id: 't' });
    await send({ type: 'text-delta', id: 't', delta: 'こん' });
    await send({ type: 'text-delta', id: 't', delta: 'にち' });
    await send({ type: 'text-delta', id: 't', delta: 'は' });
    expect(seen).toEqual(['user:質問', 'user:質問 | assistant:', 'user:質問 | assistant:こん']);

    fire(50); // the throttle window ends: the latest text, once
    expect(seen.at(-1)).toBe('user:質問 | assistant:こんにちは');
    expect(seen).toHaveLength(4);

    await send({ type: 'text-delta', id: 't', delta: '。' });
    await send({ type: 'text-end', id: 't' });
    await send({ type: 'finish' });
    await close();
    expect(chat.status).toBe('ready');
    expect(seen.at(-1)).toBe('user:質問 | assistant:こんにちは。');
    off();
  });

  it('stops passing changes on after unsubscribing', async () => {
    const { chat } = scriptedChat();
    const source = throttledMessages(chat, 50);
    let updates = 0;
    source.subscribe(() => updates++)();
    chat.messages = [{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'x' }] }];
    expect(updates).toBe(0);
    expect(source.get()).toEqual([]);
  });
});

describe('messagesShape', () => {
  it('changes with a new message and with the first text, not with more text', () => {
    const reply = (text: string): ChatMessage[] => [{ id: 'a', role: 'assistant', parts: [{ type: 'text', text }] }];
    expect(messagesShape(reply(''))).not.toBe(messagesShape(reply('a')));
    expect(messagesShape(reply('a'))).toBe(messagesShape(reply('ab')));
    expect(messagesShape([])).not.toBe(messagesShape(reply('')));
  });
});
