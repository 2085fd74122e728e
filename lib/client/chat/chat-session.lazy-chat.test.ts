import { ObservableChat } from '../runtime/chat/chat-runtime';
import type { UIMessageChunk } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { LazyChat, newMessageId, type ChatRuntime, type ChatRuntimeSource, messageText } from './chat-session';
import type { ChatMessage } from './types';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const userMessage = (id: string, text: string): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const reply = (id: string, text: string): ChatMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] });

/** A runtime whose real chats stream replies the test writes; it records every request body. */
function scriptedRuntime({ failBeforeRequest = false } = {}) {
  const bodies: object[] = [];
  let controller!: ReadableStreamDefaultController<UIMessageChunk>;
  const runtime: ChatRuntime = {
    createChat: ({ id, messages, requestBody, onRequestStarted }) =>
      new ObservableChat<ChatMessage>({
        id,
        messages,
        transport: {
          sendMessages: async ({ messages }) => {
            if (failBeforeRequest) throw new TypeError('Failed to fetch');
            bodies.push(requestBody(messages));
            onRequestStarted?.();
            return new ReadableStream<UIMessageChunk>({ start: (c) => void (controller = c) });
          },
          reconnectToStream: async () => null,
        },
      }),
  };
  const stream = async (...chunks: UIMessageChunk[]) => {
    for (const chunk of chunks) controller.enqueue(chunk);
    await settle();
  };
  const finish = async () => {
    controller.close();
    await settle();
  };
  const textReply = (text: string): UIMessageChunk[] => [
    { type: 'start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: text },
    { type: 'text-end', id: 't' },
  ];
  return { runtime, bodies, stream, finish, textReply };
}

/** A runtime source the test releases (or fails) by hand, like a dynamic import in flight. */
function manualSource(runtime: ChatRuntime) {
  let loaded: ChatRuntime | null = null;
  let inFlight: { resolve: (r: ChatRuntime) => void; reject: (e: unknown) => void } | undefined;
  let pending: Promise<ChatRuntime> | null = null;
  const source: ChatRuntimeSource = {
    loaded: () => loaded,
    load: vi.fn(() => {
      if (loaded) return Promise.resolve(loaded);
      pending ??= new Promise<ChatRuntime>((resolve, reject) => (inFlight = { resolve, reject }));
      return pending;
    }),
  };
  return {
    source,
    arrive: async () => {
      loaded = runtime;
      inFlight?.resolve(runtime);
      await settle();
    },
    fail: async () => {
      inFlight?.reject(new Error('Failed to load chunk /_next/static/chunks/x.js'));
      pending = null;
      await settle();
    },
  };
}

function lazyChat(source: ChatRuntimeSource, messages: ChatMessage[] = []) {
  return new LazyChat({ id: 'c1', messages, requestBody: (m) => ({ texts: m.map(messageText) }) }, source);
}

describe('LazyChat', () => {
  it('holds messages set before the runtime loads and hands them to the real chat', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    const chat = lazyChat(source);
    const changes: number[] = [];
    chat.subscribeMessages(() => changes.push(chat.messages.length));

    chat.messages = [userMessage('u1', 'こんにちは'), reply('a1', 'はい')];
    expect(chat.messages.map((m) => m.id)).toEqual(['u1', 'a1']);
    expect(changes).toEqual([2]);

    await arrive();
    void chat.sendMessage({ text: '続けて' });
    await settle();
    expect(chat.attached).toBe(true);
    expect(script.bodies).toEqual([{ texts: ['こんにちは', 'はい', '続けて'] }]);
    expect(changes.at(-1)).toBe(3);
  });

  it('keeps listeners registered before the load informed of the streamed reply', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    const chat = lazyChat(source);
    const statuses: string[] = [];
    let messageChanges = 0;
    chat.subscribeStatus(() => statuses.push(chat.status));
    chat.subscribeMessages(() => (messageChanges += 1));

    void chat.sendMessage({ text: 'hi' });
    // Shown at once, before the runtime is there; the request waits for it.
    expect(chat.messages.map(messageText)).toEqual(['hi']);
    expect(chat.status).toBe('submitted');
    expect(script.bodies).toEqual([]);

    await arrive();
    expect(script.bodies).toEqual([{ texts: ['hi'] }]);
    const before = messageChanges;
    await script.stream(...script.textReply('やあ'));
    await script.finish();
    expect(messageChanges).toBeGreaterThan(before);
    expect(chat.messages.map(messageText)).toEqual(['hi', 'やあ']);
    expect(statuses).toEqual(['submitted', 'streaming', 'ready']);
    expect(chat.messages[0].id).toMatch(/^[0-9A-Za-z]{16}$/);
  });

  it('sends in the same task once the runtime is loaded, without asking for it again', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    await arrive();
    const chat = lazyChat(source);
    const loads = vi.mocked(source.load).mock.calls.length;
    void chat.sendMessage({ text: 'now' });
    expect(chat.attached).toBe(true);
    expect(source.load).toHaveBeenCalledTimes(loads);
    await settle();
    expect(chat.status).toBe('submitted');
    expect(script.bodies).toEqual([{ texts: ['now'] }]);
  });

  it('tells listeners of a send only once its request has started', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    await arrive();
    const chat = lazyChat(source);
    const requestsSeen: number[] = [];
    chat.subscribeMessages(() => requestsSeen.push(script.bodies.length));
    chat.subscribeStatus(() => requestsSeen.push(script.bodies.length));

    void chat.sendMessage({ text: 'now' });
    expect(requestsSeen).toEqual([]);
    await settle();
    expect(requestsSeen.length).toBeGreaterThan(0);
    expect(requestsSeen.every((requests) => requests === 1)).toBe(true);
    expect(chat.messages.map(messageText)).toEqual(['now']);
  });

  it('still tells listeners when the request never starts', async () => {
    const script = scriptedRuntime({ failBeforeRequest: true });
    const { source, arrive } = manualSource(script.runtime);
    await arrive();
    const chat = lazyChat(source);
    const statuses: string[] = [];
    let messageChanges = 0;
    chat.subscribeMessages(() => (messageChanges += 1));
    chat.subscribeStatus(() => statuses.push(chat.status));

    void chat.sendMessage({ text: 'offline' });
    await settle();
    await settle();
    expect(messageChanges).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe('error');
    expect(chat.error?.message).toBe('Failed to fetch');
  });

  it('does not make a request stopped before the runtime arrived', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    const chat = lazyChat(source);
    void chat.sendMessage({ text: 'hi' });
    await chat.stop();
    expect(chat.status).toBe('ready');
    await arrive();
    expect(script.bodies).toEqual([]);
    expect(chat.messages.map(messageText)).toEqual(['hi']);
  });

  it('reports a failed load as a network error that retry recovers from', async () => {
    const script = scriptedRuntime();
    const { source, arrive, fail } = manualSource(script.runtime);
    const chat = lazyChat(source);
    void chat.sendMessage({ text: 'hi' });
    await fail();
    expect(chat.status).toBe('error');
    expect(chat.error?.message).toMatch(/failed to fetch/i);

    // What the error notice's retry button does.
    chat.clearError();
    expect(chat.status).toBe('ready');
    expect(chat.error).toBeUndefined();
    void chat.regenerate();
    expect(chat.status).toBe('submitted');
    await arrive();
    expect(script.bodies).toEqual([{ texts: ['hi'] }]);
  });

  it('regenerates a reply before the load as the real chat would: the turns after it go', async () => {
    const script = scriptedRuntime();
    const { source, arrive } = manualSource(script.runtime);
    const chat = lazyChat(source, [userMessage('u1', 'a'), reply('a1', 'b'), userMessage('u2', 'c'), reply('a2', 'd')]);
    void chat.regenerate({ messageId: 'a1' });
    expect(chat.messages.map((m) => m.id)).toEqual(['u1']);
    await arrive();
    expect(script.bodies).toEqual([{ texts: ['a'] }]);
    await expect(lazyChat(source, []).regenerate({ messageId: 'nope' })).rejects.toThrow('message nope not found');
  });

  it('makes 16-character ids from the AI SDK alphabet', () => {
    const ids = new Set(Array.from({ length: 100 }, newMessageId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{16}$/);
  });
});
