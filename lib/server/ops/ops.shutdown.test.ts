import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { parseChatError } from '@/lib/shared/ai/chat-error';
import { streamChat } from '@/lib/server/ai/reply';
import { scenarioChatInput } from '../../../e2e/support/scenario-reply';
import { refuseWhileShuttingDown } from './ops';
import { activeReplies, endAllReplies } from './shutdown-state';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
beforeAll(async () => {
  upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
});
afterAll(() => upstream.close());

describe('ending a streaming reply at shutdown', () => {
  it('ends it with server_restarting after the text so far, frees it, and closes the upstream', async () => {
    let closed = 0;
    const response = streamChat({ ...scenarioChatInput(upstream.url, 'slow'), onClose: () => closed++ });
    expect(activeReplies()).toBe(1);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let raw = '';
    while (!raw.includes('"text-delta"')) raw += (await reader.read()).value ?? '';
    endAllReplies();
    for (let r = await reader.read(); !r.done; r = await reader.read()) raw += r.value;

    const events = raw.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const error = JSON.parse(events.at(-2)!.slice('data: '.length)) as { type: string; errorText: string };
    expect(error.type).toBe('error');
    expect(parseChatError(error.errorText)).toEqual({ code: 'server_restarting', retryAfterSeconds: 5 });
    expect(raw).toContain('ゆっくり');
    expect(closed).toBe(1);
    expect(activeReplies()).toBe(0);
    await vi.waitFor(async () => {
      const seen = (await (await fetch(`${upstream.url}/__requests?contains=scenario:slow`)).json()) as {
        aborted: boolean;
      }[];
      expect(seen.map((request) => request.aborted)).toEqual([true]);
    });
  });

  it('refuses new chats only once the server is shutting down', async () => {
    expect(refuseWhileShuttingDown()).toBeNull();
    const { markShuttingDown } = await import('./shutdown-state');
    markShuttingDown();
    const refused = refuseWhileShuttingDown()!;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'server_restarting', retryAfterSeconds: 5 } });
  });
});
