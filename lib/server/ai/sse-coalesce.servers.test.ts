import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { SERVER_WIRES, WIRE_TEXT } from '../../../e2e/fake-upstream/servers.mjs';
import { scenarioReply, type UIPart } from '../../../e2e/support/scenario-reply';

/**
 * What the browser gets, independent of how the text was cut into deltas: consecutive text
 * deltas joined, the random message id left out.
 */
function normalized(parts: UIPart[]): UIPart[] {
  const out: UIPart[] = [];
  for (const { messageId: _messageId, ...part } of parts) {
    // The reply's timing (issue #34) is measured: its figures differ from run to run.
    if (part.type === 'finish' && part.messageMetadata) {
      const { timing, ...metadata } = part.messageMetadata as { timing?: unknown };
      expect(timing).toMatchObject({ ttftMs: expect.any(Number), durationMs: expect.any(Number) });
      part.messageMetadata = metadata;
    }
    const last = out.at(-1);
    if (part.type === 'text-delta' && last?.type === 'text-delta' && last.id === part.id)
      last.delta += part.delta ?? '';
    else out.push({ ...part });
  }
  return out;
}

describe('SSE coalescing against each server the README lists', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
  });
  afterAll(() => upstream.close());

  it.each(Object.keys(SERVER_WIRES))(
    '%s: the same reply, text, finish and usage with and without coalescing',
    async (server) => {
      const plain = await scenarioReply(upstream.url, `wire-${server}`, { coalesceSse: false });
      const coalesced = await scenarioReply(upstream.url, `wire-${server}`, { coalesceSse: true });
      expect(plain.events.at(-1)).toBe('data: [DONE]');
      expect(normalized(coalesced.parts)).toEqual(normalized(plain.parts));

      const parts = normalized(plain.parts);
      expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta)).toEqual([WIRE_TEXT]);
      expect(parts.find((part) => part.type === 'finish')).toMatchObject({
        finishReason: 'stop',
        messageMetadata: { usage: { outputTokens: expect.any(Number), inputTokens: expect.any(Number) } },
      });
      // The events of one write did arrive in one read and were merged.
      expect(coalesced.deltas).toBeLessThan(plain.deltas);
    },
  );
});
