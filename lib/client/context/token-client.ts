import type { ContextMeasure } from '@/lib/shared/ai/context-budget';
import { inOwnTask } from '@/lib/client/browser/engagement';
import { settingsStore } from '@/lib/client/chat/chat-session';
import { profileForModel } from '@/lib/shared/model/profile';
import type { MeasureInput, TokenRequest, TokenResponse } from './protocol';

/**
 * The main thread's side of the token worker (tokens.worker.ts), started on first use: when a
 * file is attached or the meter first measures, after the page has loaded. Nothing of the
 * tokenizer is in the page's first-load JavaScript.
 */
let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (response: TokenResponse) => void; reject: (error: Error) => void }>();

function tokenWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./tokens.worker.ts', import.meta.url), { type: 'module', name: 'tokens' });
  started.onmessage = (event: MessageEvent<TokenResponse>) => {
    const pending = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    pending?.resolve(event.data);
  };
  started.onerror = () => {
    // The worker failed to load or crashed: every caller learns it, the next request starts anew.
    waiting.forEach(({ reject }) => reject(new Error('token worker failed')));
    waiting.clear();
    started.terminate();
    worker = null;
  };
  worker = started;
  return started;
}

type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask(request: Unsent<TokenRequest>): Promise<TokenResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    tokenWorker().postMessage({ ...request, id } as TokenRequest);
  });
}

/** Tokens of a text (no special tokens added) in the selected model's family, as the server counts them. */
export async function countTokens(text: string): Promise<number> {
  const response = await ask({ op: 'count', text, tokenizer: profileForModel(settingsStore.get().model).tokenizer });
  if (!response.ok) throw new Error(response.message);
  if (!('tokens' in response)) throw new Error('unexpected answer');
  return response.tokens;
}

/** The base request the current worker was last given (protocol.ts), by key. */
let givenBase: { worker: Worker; key: number } | null = null;

/**
 * The meter's figures (lib/shared/ai/context-budget.ts measureContext) for the base request with `draft`
 * typed (protocol.ts withDraft). `baseKey` names `base`: a new base gets a new key, and is posted
 * to the worker only then (or to a worker started anew), never with every keystroke.
 */
export async function measureDraft(base: MeasureInput, baseKey: number, draft: string): Promise<ContextMeasure> {
  // The worker as it is, not started by asking.
  const isKnown = () => worker !== null && givenBase?.worker === worker && givenBase.key === baseKey;
  // A new base (a message sent, a reply ended) is copied to the worker in a task of its own, not
  // in the one that changed the conversation: at 500 messages the copy is ~5-15 ms of main
  // thread (issue #35). The worker's start on first use too, not in the task that loaded this
  // module (each is ~20-60 ms of main thread at 4x CPU).
  if (!isKnown()) await new Promise<void>((resolve) => inOwnTask(resolve));
  const current = tokenWorker();
  const known = isKnown();
  givenBase = { worker: current, key: baseKey };
  const response = await ask({ op: 'measure', baseKey, draft, ...(known ? {} : { base }) });
  if (!response.ok) throw new Error(response.message);
  if (!('measure' in response)) throw new Error('unexpected answer');
  return response.measure;
}
