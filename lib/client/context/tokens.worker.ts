/// <reference lib="webworker" />
// The context meter's counting, off the main thread: the selected model's tokenizer (Llama 3:
// ~2 MB of script, ~1.4 s to build its vocabulary; Qwen3: ~7.5 MB; o200k: ~2 MB) loads here on the
// first request for a model of its family, never with the page. The same modules as the server's
// budget: templates, counters, turn rules and the user turn's composition.
import { loadFamily, measureContext, type TokenFamily } from '@/lib/shared/ai/context-budget';
import type { Counter } from '@/lib/shared/ai/token-count';
import { composeTurns } from '@/lib/shared/ai/turns';
import { withDraft, type MeasureInput, type TokenRequest, type TokenResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** One counter per family for the session: its cache of pieces makes a recount after a keystroke cheap. */
const counters = new Map<TokenFamily, { counter: Counter; uses: number }>();
/** The request the meter measures, without its draft (protocol.ts). */
let base: { key: number; input: MeasureInput } | undefined;

async function answer(request: TokenRequest, given: typeof base): Promise<TokenResponse> {
  if (request.op !== 'count' && (!given || given.key !== request.baseKey))
    throw new Error(`no base ${request.baseKey}`);
  // `count` (a file's tokens) is asked in the selected model's family too.
  const family = await loadFamily(request.op === 'count' ? request.tokenizer : given!.input.tokenizer);
  let held = counters.get(family);
  // A fresh cache now and then, so a long session does not keep every piece it ever saw.
  if (!held || ++held.uses > 500) counters.set(family, (held = { counter: family.counter(Infinity), uses: 0 }));
  const { counter } = held;
  if (request.op === 'count') return { id: request.id, ok: true, tokens: counter.count(request.text, Infinity) };
  const { system, messages, maxTokens, contextTokens, tokenizer, reasoning } = withDraft(given!.input, request.draft);
  const measure = measureContext(
    { system, messages: composeTurns(messages), maxTokens, contextTokens, tokenizer, reasoning },
    family,
    counter,
  );
  return { id: request.id, ok: true, measure };
}

self.onmessage = (event: MessageEvent<TokenRequest>) => {
  // Kept as it arrives: the requests after it measure against it (each with the base it came after).
  if (event.data.op === 'measure' && event.data.base) base = { key: event.data.baseKey, input: event.data.base };
  answer(event.data, base).then(
    (response) => self.postMessage(response),
    (error: unknown) =>
      self.postMessage({ id: event.data.id, ok: false, message: String(error) } satisfies TokenResponse),
  );
};
