import { describe, expect, it } from 'vitest';
import { uiSseResponse, UI_SSE_HEADERS, type UIChunk } from './ui-sse';

const parts: UIChunk[] = [
  { type: 'start', messageId: 'm1' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'こんにちは' },
  { type: 'text-end', id: 't' },
  { type: 'finish' },
];

/** Delivers `list` one part per read, then closes or fails with `failWith`. */
const fromParts = (list: UIChunk[], failWith?: unknown) => {
  let i = 0;
  return new ReadableStream<UIChunk>(
    {
      pull(controller) {
        if (i < list.length) controller.enqueue(list[i++]);
        else if (failWith) controller.error(failWith);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
};

// Both writers: ours, and the SDK's behind SWALLOW_UI_STREAM=sdk (docs/internals.md).
describe.each(['fast', 'sdk'] as const)('uiSseResponse (%s writer)', (writer) => {
  it('writes every part as an SSE event, then [DONE], with the UI message stream headers', async () => {
    let closed = 0;
    const res = uiSseResponse(fromParts(parts), {
      onError: () => 'x',
      onClose: () => closed++,
      headers: { 'cache-control': 'no-cache, no-transform' },
      writer,
    });
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe(UI_SSE_HEADERS['x-vercel-ai-ui-message-stream']);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    const body = await res.text();
    expect(body).toBe(parts.map((p) => `data: ${JSON.stringify(p)}\n\n`).join('') + 'data: [DONE]\n\n');
    expect(closed).toBe(1);
  });

  it('turns an error thrown by the stream into an error part after what already arrived', async () => {
    let closed = 0;
    const res = uiSseResponse(fromParts(parts.slice(0, 3), new Error('socket hang up')), {
      onError: (e) => `code:${(e as Error).message}`,
      onClose: () => closed++,
      writer,
    });
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.slice(0, 3).map((e) => JSON.parse(e.slice(6)).type)).toEqual(['start', 'text-start', 'text-delta']);
    expect(JSON.parse(events[3].slice(6))).toEqual({ type: 'error', errorText: 'code:socket hang up' });
    expect(events[4]).toBe('data: [DONE]');
    expect(closed).toBe(1);
  });

  it('cancels the source and runs onClose once when the client goes away', async () => {
    let closed = 0;
    let cancelled: unknown;
    const endless = new ReadableStream<UIChunk>({
      pull: (c) => c.enqueue({ type: 'text-delta', id: 't', delta: 'a' }),
      cancel: (reason) => void (cancelled = reason),
    });
    const res = uiSseResponse(endless, { onError: () => 'x', onClose: () => closed++, writer });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel('gone');
    await expect.poll(() => cancelled).toBe('gone');
    expect(closed).toBe(1);
  });
});
