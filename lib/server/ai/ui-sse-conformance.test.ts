import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCENARIOS, startFakeUpstream } from '../../../e2e/fake-upstream.mjs';
import { scenarioReply, type ScenarioReplyOptions } from '../../../e2e/support/scenario-reply';
import type { UIChunk, UIChunkSource, UISseOptions } from './ui-sse';
import type { ChatMessage } from '@/lib/shared/ai/message';

/**
 * The fast path's bytes against the SDK's (issue #33): for every reply and error scenario of the
 * fake upstream, the response `streamChat` sends (status, headers, body) equals what the AI SDK's
 * `createUIMessageStream` (the reply's chunks merged; an error thrown by them becomes an `error`
 * part through the same `onError`) + `createUIMessageStreamResponse` send for the same chunks:
 * the protocol the browser's `AbstractChat` parses. The chunks are recorded as our writer reads
 * them (a read that fails is replayed as the stream failing at that point).
 */
type Step = { chunk: UIChunk } | { error: unknown } | { done: true };
interface Recorded {
  steps: Step[];
  options: UISseOptions;
}

/** Each response `streamChat` made, with what its writer read. */
const recorded = vi.hoisted(() => new WeakMap<Response, Recorded>());

vi.mock('./ui-sse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ui-sse')>();
  return {
    ...actual,
    uiSseResponse(source: UIChunkSource, options: UISseOptions): Response {
      const steps: Step[] = [];
      const tap: UIChunkSource = {
        async read() {
          try {
            const result = await source.read();
            // A copy: the SDK's side must serialise the chunk as it was when ours did.
            steps.push(result.done ? { done: true } : { chunk: structuredClone(result.value) });
            return result;
          } catch (error) {
            steps.push({ error });
            throw error;
          }
        },
        cancel: (reason) => source.cancel(reason),
      };
      const response = actual.uiSseResponse(tap, options);
      recorded.set(response, { steps, options });
      return response;
    },
  };
});

/** What the SDK sends for the recorded chunks, with the same headers and error handler. */
function sdkResponse({ steps, options }: Recorded): Response {
  let i = 0;
  const replay = new ReadableStream<UIChunk>({
    pull(controller) {
      const step = steps[i++];
      if (!step || 'done' in step) controller.close();
      else if ('error' in step) controller.error(step.error);
      else controller.enqueue(step.chunk);
    },
  });
  const stream = createUIMessageStream<ChatMessage>({
    execute: ({ writer }) => writer.merge(replay),
    onError: options.onError,
  });
  return createUIMessageStreamResponse({ stream, headers: options.headers });
}

const headersOf = (response: Response) => [...response.headers.entries()];

describe.concurrent('the UI message stream on the wire equals the AI SDK’s, scenario by scenario', () => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ port: 0, chunkDelayMs: 1 });
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // the error scenarios' log lines
  });
  afterAll(() => upstream.close());

  /** Scenarios that need more than the defaults to end within the test. */
  const optionsFor = (scenario: string): ScenarioReplyOptions => {
    switch (scenario) {
      case 'slow': // a minute of pieces: the browser leaves after the first few
        return { signal: AbortSignal.timeout(700) };
      case 'stall':
      case 'stall-after-first':
        return { timeouts: { firstByteMs: 300, idleMs: 300 } };
      default:
        return {};
    }
  };
  const cases: [string, ScenarioReplyOptions][] = [
    ...SCENARIOS.map((name): [string, ScenarioReplyOptions] => [name, optionsFor(name)]),
    // The variants the app also serves: a reasoning model's <think> tags, the coalescer off.
    ['reasoning-think', { reasoning: true }],
    ['long', { coalesceSse: false }],
  ];

  // Concurrent: the retried errors each wait out a Retry-After.
  it.for(cases)('%s %o', { timeout: 20_000 }, async ([scenario, options], { expect }) => {
    const ours = await scenarioReply(upstream.url, scenario, options);
    const record = recorded.get(ours.response)!;
    expect(record).toBeDefined();
    expect(record.steps.at(-1)).toSatisfy((step: Step) => 'done' in step || 'error' in step);
    const sdk = sdkResponse(record);

    expect(ours.response.status).toBe(sdk.status);
    expect(ours.response.statusText).toBe(sdk.statusText);
    expect(headersOf(ours.response)).toEqual(headersOf(sdk));
    const sdkBytes = Buffer.from(await sdk.arrayBuffer());
    expect(Buffer.from(ours.raw, 'utf8').equals(sdkBytes)).toBe(true);
    // …and, should that fail, a readable difference.
    expect(ours.raw).toBe(sdkBytes.toString('utf8'));
    // Every scenario was read to its end: a reply or an error part, then [DONE].
    expect(ours.events.at(-1)).toBe('data: [DONE]');
  });

  it('covers every scenario the fake upstream knows, errors among them', () => {
    expect(SCENARIOS.length).toBeGreaterThan(40);
    expect(SCENARIOS).toEqual(expect.arrayContaining(['plain', 'nvidia-429', 'vllm-midstream-error', 'drop', 'stall']));
  });
});
