import { describe, expect, it } from 'vitest';
import { coalesceEvents, createSseCoalescer } from './ui-sse';

const enc = new TextEncoder();
const dec = new TextDecoder();

const chunk = (content: string, extra: { finish?: string | null; usage?: number; role?: string; id?: string } = {}) =>
  `data: ${JSON.stringify({
    id: extra.id ?? 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [
      {
        index: 0,
        delta: extra.role ? { role: extra.role, content } : { content },
        logprobs: null,
        finish_reason: extra.finish ?? null,
      },
    ],
    ...(extra.usage !== undefined
      ? { usage: { prompt_tokens: 3, completion_tokens: extra.usage, total_tokens: 3 + extra.usage } }
      : {}),
  })}\n\n`;

/** Runs reads through one coalescer and returns the events that come out (text, order). */
function run(reads: string[]): { out: string; events: unknown[] } {
  const coalesce = createSseCoalescer();
  const out = reads.map((r) => dec.decode(coalesce(enc.encode(r)))).join('');
  const events = out
    .split('\n\n')
    .filter(Boolean)
    .map((e) => {
      try {
        return JSON.parse(e.slice(6)) as unknown;
      } catch {
        return e;
      }
    });
  return { out, events };
}

const text = (events: unknown[]) =>
  events
    .map((e) =>
      typeof e === 'object' && e && 'choices' in e
        ? ((e as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
        : '',
    )
    .join('');

describe('createSseCoalescer', () => {
  it('merges the text chunks of one read into one chunk, keeping order, role, last usage and finish reason', () => {
    const read =
      chunk('', { role: 'assistant', usage: 0 }) +
      chunk('こん', { usage: 1 }) +
      chunk('にちは', { usage: 2 }) +
      chunk('。', { usage: 3, finish: 'stop' });
    const { events } = run([read + 'data: [DONE]\n\n']);
    expect(events).toHaveLength(2);
    const merged = events[0] as {
      choices: { delta: { role?: string; content: string }; finish_reason: string }[];
      usage: { completion_tokens: number };
    };
    expect(merged.choices[0].delta).toEqual({ role: 'assistant', content: 'こんにちは。' });
    expect(merged.choices[0].finish_reason).toBe('stop');
    expect(merged.usage.completion_tokens).toBe(3);
    expect(events[1]).toBe('data: [DONE]');
  });

  it('passes a read with one event through as the same bytes', () => {
    const coalesce = createSseCoalescer();
    const bytes = enc.encode(chunk('a'));
    expect(coalesce(bytes)).toBe(bytes);
  });

  it('leaves events split across reads intact and still merges the whole ones in between', () => {
    const all = chunk('a') + chunk('b') + chunk('c') + chunk('d') + chunk('e');
    // Cut inside the first event and inside the last one (and inside a multi-byte character).
    const withKana = all + chunk('日本') + chunk('語');
    const bytes = enc.encode(withKana);
    const coalesce = createSseCoalescer();
    const cuts = [17, bytes.length - 9];
    const parts = [bytes.subarray(0, cuts[0]), bytes.subarray(cuts[0], cuts[1]), bytes.subarray(cuts[1])];
    const out = parts.map((p) => coalesce(p));
    const joined = dec.decode(Buffer.concat(out.map((p) => Buffer.from(p))));
    const events = joined
      .split('\n\n')
      .filter(Boolean)
      .map((e) => JSON.parse(e.slice(6)));
    expect(text(events)).toBe('abcde日本語');
    expect(events.length).toBeLessThan(7);
  });

  it('never merges across something that is not a plain text chunk', () => {
    const tool = `data: ${JSON.stringify({ id: 'c1', created: 1, model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0 }] }, finish_reason: null }] })}\n\n`;
    const usageOnly = `data: ${JSON.stringify({ id: 'c1', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 1 } })}\n\n`;
    const reasoning = `data: ${JSON.stringify({ id: 'c1', created: 1, model: 'm', choices: [{ index: 0, delta: { content: '', reasoning_content: 'x' } }] })}\n\n`;
    const error = `data: ${JSON.stringify({ error: { message: 'boom' } })}\n\n`;
    const read =
      chunk('a') +
      chunk('b') +
      tool +
      chunk('c') +
      reasoning +
      chunk('d') +
      error +
      chunk('e') +
      ': comment\n\n' +
      chunk('f') +
      usageOnly;
    const { events } = run([read]);
    expect(text(events)).toBe('abcdef');
    // a+b merged; every other event stays where it was.
    expect(events).toHaveLength(10);
    expect(events).toContain(': comment');
  });

  it('does not merge chunks of different responses, or after a finish reason', () => {
    const read =
      chunk('a', { finish: 'stop' }) + chunk('b') + chunk('c', { id: 'other' }) + chunk('d', { id: 'other' });
    const { events } = run([read]);
    expect(text(events)).toBe('abcd');
    expect(events).toHaveLength(3);
  });

  it('leaves CRLF-framed and multi-line events untouched', () => {
    const crlf = chunk('a').replace(/\n/g, '\r\n') + chunk('b').replace(/\n/g, '\r\n');
    expect(run([crlf]).out).toBe(crlf);
    const multiline = 'data: {"choices":\ndata: []}\n\n' + chunk('x') + chunk('y');
    const { out } = run([multiline]);
    expect(out.startsWith('data: {"choices":\ndata: []}\n\n')).toBe(true);
    expect(text(run([multiline]).events.slice(1))).toBe('xy');
  });
});

describe('coalesceEvents', () => {
  it('returns null when nothing merges', () => {
    expect(coalesceEvents(['data: [DONE]', ': hi'])).toBeNull();
    expect(coalesceEvents([chunk('a').trim()])).toBeNull();
  });
});
