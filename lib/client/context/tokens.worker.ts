/// <reference lib="webworker" />
// The context meter's counting, off the main thread: the Llama 3 tokenizer (~2 MB of script,
// ~1.4 s to build its vocabulary) loads here on the first request, never with the page. The
// same modules as the server's budget: templates, BPE, turn rules and the user turn's composition.
import { loadTokenizer, measureContext } from '@/lib/shared/ai/context-budget';
import { TokenCounter } from '@/lib/shared/ai/token-count';
import { composeTurns } from '@/lib/shared/ai/user-turn';
import { withDraft, type MeasureInput, type TokenRequest, type TokenResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** One counter for the session: its cache of pretokens makes a recount after a keystroke cheap. */
let counter: TokenCounter | undefined;
let uses = 0;
/** The request the meter measures, without its draft (protocol.ts). */
let base: { key: number; input: MeasureInput } | undefined;

async function answer(request: TokenRequest, given: typeof base): Promise<TokenResponse> {
  const encoder = await loadTokenizer();
  // A fresh cache now and then, so a long session does not keep every pretoken it ever saw.
  if (!counter || ++uses > 500) {
    counter = new TokenCounter(encoder, Infinity);
    uses = 0;
  }
  if (request.op === 'count') return { id: request.id, ok: true, tokens: counter.count(request.text, Infinity) };
  if (!given || given.key !== request.baseKey) throw new Error(`no base ${request.baseKey}`);
  const { system, messages, maxTokens, contextTokens } = withDraft(given.input, request.draft);
  const measure = measureContext(
    { system, messages: composeTurns(messages), maxTokens, contextTokens },
    encoder,
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
