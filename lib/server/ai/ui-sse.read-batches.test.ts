import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInBatches, resolveBatchInterval } from './ui-sse';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (content: string) => `data: {"choices":[{"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
const role = 'data: {"choices":[{"delta":{"role":"assistant","content":""}}]}\n\n';

/** An upstream whose chunks are pushed by the test; each read takes the next chunk, in order. */
function scriptedUpstream() {
  type Item = ReadableStreamReadResult<Uint8Array> | Error;
  const queue: Item[] = [];
  const waiters: ((item: Item) => void)[] = [];
  let reads = 0;
  const push = (chunk: string | null | Error) => {
    const item: Item =
      chunk === null
        ? { done: true, value: undefined }
        : chunk instanceof Error
          ? chunk
          : { done: false, value: encoder.encode(chunk) };
    const waiter = waiters.shift();
    if (waiter) waiter(item);
    else queue.push(item);
  };
  const read = async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    reads += 1;
    const item = queue.length ? queue.shift()! : await new Promise<Item>((resolve) => waiters.push(resolve));
    if (item instanceof Error) throw item;
    return item;
  };
  return { push, read, reads: () => reads };
}

describe('readInBatches', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Reads once, recording when (in fake ms) and what came out. */
  function reader(read: () => Promise<ReadableStreamReadResult<Uint8Array>>) {
    const handedOn: { at: number; text: string | null }[] = [];
    const next = async () => {
      const result = await read();
      handedOn.push({ at: Date.now(), text: result.done ? null : decoder.decode(result.value) });
    };
    return { handedOn, next };
  }

  it('hands on everything up to the first text at once, then at most one batch per interval', async () => {
    const upstream = scriptedUpstream();
    const { handedOn, next } = reader(readInBatches(upstream.read, 16, () => Date.now()));
    const start = Date.now();
    let pending = next();
    upstream.push(role);
    await pending;
    pending = next();
    await vi.advanceTimersByTimeAsync(4);
    upstream.push(text('最初'));
    await pending; // the first text: not held
    pending = next();
    for (const piece of ['の', '一', '文']) {
      await vi.advanceTimersByTimeAsync(4);
      upstream.push(text(piece));
    }
    await vi.advanceTimersByTimeAsync(8);
    await pending;
    expect(handedOn.map(({ at, text }) => [at - start, text])).toEqual([
      [0, role],
      [4, text('最初')],
      // three chunks 4 ms apart after the text: one batch, 16 ms after the last one
      [20, text('の') + text('一') + text('文')],
    ]);
  });

  it('hands each chunk on as it arrives when the upstream is slower than the interval', async () => {
    const upstream = scriptedUpstream();
    const { handedOn, next } = reader(readInBatches(upstream.read, 16, () => Date.now()));
    const start = Date.now();
    for (const piece of ['a', 'b', 'c']) {
      const pending = next();
      upstream.push(text(piece));
      await pending;
      await vi.advanceTimersByTimeAsync(33);
    }
    expect(handedOn.map(({ at }) => at - start)).toEqual([0, 33, 66]);
  });

  it('hands on what it holds at the end of the stream, then ends, without another read', async () => {
    const upstream = scriptedUpstream();
    const { handedOn, next } = reader(readInBatches(upstream.read, 16, () => Date.now()));
    const start = Date.now();
    let pending = next();
    upstream.push(text('a'));
    await pending;
    pending = next();
    upstream.push(text('b'));
    upstream.push('data: [DONE]\n\n');
    upstream.push(null);
    await pending; // the end does not wait for the interval
    const reads = upstream.reads();
    await next();
    expect(upstream.reads()).toBe(reads);
    expect(handedOn.map(({ at, text }) => [at - start, text])).toEqual([
      [0, text('a')],
      [0, text('b') + 'data: [DONE]\n\n'],
      [0, null],
    ]);
  });

  it('hands on what came before an error, then fails with it', async () => {
    const upstream = scriptedUpstream();
    const read = readInBatches(upstream.read, 16, () => Date.now());
    await Promise.all([read(), upstream.push(text('a'))]);
    const batch = read();
    upstream.push(text('b'));
    upstream.push(new Error('socket closed'));
    expect(decoder.decode((await batch).value)).toBe(text('b'));
    await expect(read()).rejects.toThrow('socket closed');
  });

  it('keeps a read still waiting at the interval’s end for the next batch', async () => {
    const upstream = scriptedUpstream();
    const read = readInBatches(upstream.read, 16, () => Date.now());
    await Promise.all([read(), upstream.push(text('a'))]);
    const batch = read();
    upstream.push(text('b'));
    await vi.advanceTimersByTimeAsync(16);
    expect(decoder.decode((await batch).value)).toBe(text('b'));
    // A read waiting when the interval ended would lose 'c' if a second read replaced it.
    const after = read();
    upstream.push(text('c'));
    await vi.advanceTimersByTimeAsync(16);
    expect(decoder.decode((await after).value)).toBe(text('c'));
  });

  it('is the upstream’s own read when the interval is 0', () => {
    const upstream = scriptedUpstream();
    expect(readInBatches(upstream.read, 0)).toBe(upstream.read);
  });
});

describe('resolveBatchInterval', () => {
  it('takes whole milliseconds from 0 to 1000 and off (0), else 32', () => {
    expect(resolveBatchInterval(undefined)).toBe(32);
    expect(resolveBatchInterval('')).toBe(32);
    expect(resolveBatchInterval('0')).toBe(0);
    expect(resolveBatchInterval(' 40 ')).toBe(40);
    expect(resolveBatchInterval('2.5')).toBe(32);
    expect(resolveBatchInterval('-1')).toBe(32);
    expect(resolveBatchInterval('off')).toBe(0);
  });
});
