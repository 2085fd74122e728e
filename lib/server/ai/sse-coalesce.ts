/**
 * Coalesces OpenAI-compatible SSE text chunks that arrive in the same network read.
 *
 * A fast upstream (or a busy server that reads its sockets late) hands us many
 * `data: {chat.completion.chunk}` events in one read. Each event would otherwise cross the
 * whole AI SDK pipeline on its own (SSE parser, zod, a dozen web-stream stages, one UI
 * message part and one SSE event to the browser). Consecutive plain text chunks of one read
 * are merged into one chunk carrying their concatenated text, so downstream work is per read,
 * not per token. Nothing is held back: every byte of a read is passed on in the same call,
 * the text and its order are unchanged, and anything that is not a plain text chunk (role
 * or usage-only chunks, tool calls, reasoning, errors, `[DONE]`, comments, CRLF-framed
 * events, events split across reads) passes through byte for byte.
 */
import 'server-only';

const LF = 0x0a;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface TextChunk {
  id?: unknown;
  created?: unknown;
  model?: unknown;
  usage?: unknown;
  choices: [
    { index?: unknown; delta: { role?: unknown; content: string }; finish_reason?: unknown; logprobs?: unknown },
  ];
  [key: string]: unknown;
}

const DELTA_KEYS = new Set(['role', 'content']);
const CHOICE_KEYS = new Set(['index', 'delta', 'finish_reason', 'logprobs']);

/** The chunk when it carries only text (and maybe a role, usage, or a finish reason). */
export function asTextChunk(data: string): TextChunk | null {
  if (data.charCodeAt(0) !== 0x7b /* { */) return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'error' in value) return null;
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length !== 1) return null;
  const choice = choices[0] as Record<string, unknown> | null;
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return null;
  if (Object.keys(choice).some((key) => !CHOICE_KEYS.has(key)) || choice.logprobs != null) return null;
  const delta = choice.delta as Record<string, unknown> | null;
  if (typeof delta !== 'object' || delta === null || Array.isArray(delta)) return null;
  if (Object.keys(delta).some((key) => !DELTA_KEYS.has(key)) || typeof delta.content !== 'string') return null;
  return value as TextChunk;
}

/** `next` may follow `prev` in one chunk: same response, and `prev` did not finish it. */
function canMerge(prev: TextChunk, next: TextChunk): boolean {
  return (
    prev.choices[0].finish_reason == null &&
    prev.id === next.id &&
    prev.model === next.model &&
    prev.created === next.created &&
    (next.choices[0].delta.role === undefined || next.choices[0].delta.role === prev.choices[0].delta.role)
  );
}

/** `next` with the text of both; the role of the first, the usage and finish reason of the last. */
function merge(prev: TextChunk, next: TextChunk): TextChunk {
  const [choice] = next.choices;
  const delta = { ...choice.delta, content: prev.choices[0].delta.content + choice.delta.content };
  if (prev.choices[0].delta.role !== undefined) delta.role = prev.choices[0].delta.role;
  const merged: TextChunk = { ...next, choices: [{ ...choice, delta }] };
  if (merged.usage == null && prev.usage != null) merged.usage = prev.usage;
  return merged;
}

/**
 * Merges runs of plain text events in `events` (complete events, each without its blank
 * line). Returns null when nothing was merged.
 */
export function coalesceEvents(events: string[]): string[] | null {
  const out: string[] = [];
  let pending: TextChunk | null = null;
  let pendingRaw = '';
  let pendingCount = 0;
  let merged = false;
  const flush = () => {
    if (pending) out.push(pendingCount > 1 ? `data: ${JSON.stringify(pending)}` : pendingRaw);
    pending = null;
    pendingCount = 0;
  };
  for (const event of events) {
    const chunk =
      event.startsWith('data:') && !event.includes('\n') && !event.includes('\r')
        ? asTextChunk(event.slice(5).trim())
        : null;
    if (!chunk) {
      flush();
      out.push(event);
    } else if (pending && canMerge(pending, chunk)) {
      pending = merge(pending, chunk);
      pendingCount += 1;
      merged = true;
    } else {
      flush();
      pending = chunk;
      pendingRaw = event;
      pendingCount = 1;
    }
  }
  flush();
  return merged ? out : null;
}

function indexOfBlankLine(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(LF, from); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF) return i;
  }
  return -1;
}

function lastIndexOfBlankLine(bytes: Uint8Array): number {
  for (let i = bytes.lastIndexOf(LF); i > 0; i = bytes.lastIndexOf(LF, i - 1)) {
    if (bytes[i - 1] === LF) return i - 1;
  }
  return -1;
}

/**
 * A coalescer for one response body: call it on every read, in order. `\n\n` always ends
 * an SSE event (JSON has no raw newlines), so the bytes up to the last `\n\n` of a read are
 * whole events, from the read's start when the previous read ended on a blank line, else
 * from the first `\n\n` (before it: the end of an event begun earlier). Those bytes and the
 * ones after the last `\n\n` (the start of the next event) are passed on untouched.
 */
export function createSseCoalescer(): (bytes: Uint8Array) => Uint8Array {
  let atEventStart = true;
  return (bytes) => {
    const wasAtEventStart = atEventStart;
    const n = bytes.length;
    if (n > 0) atEventStart = n >= 2 && bytes[n - 1] === LF && bytes[n - 2] === LF;
    const last = lastIndexOfBlankLine(bytes);
    if (last === -1) return bytes;
    let start = 0;
    if (!wasAtEventStart) {
      const first = indexOfBlankLine(bytes, 0);
      start = first + 2;
      if (last < start) return bytes; // only the end of an earlier event
    }
    const events = decoder.decode(bytes.subarray(start, last)).split('\n\n');
    if (events.length < 2) return bytes;
    const merged = coalesceEvents(events);
    if (!merged) return bytes;
    const middle = encoder.encode(`${merged.join('\n\n')}\n\n`);
    const out = new Uint8Array(start + middle.length + (n - last - 2));
    out.set(bytes.subarray(0, start), 0);
    out.set(middle, start);
    out.set(bytes.subarray(last + 2), start + middle.length);
    return out;
  };
}
