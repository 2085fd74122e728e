// Shared by the server (prepare-reply.ts) and the browser's context meter (lib/client/context/, in a
// worker): no server-only imports here.
import type { ChatRequest } from '../schemas/chat-request';
import { MAX_WORK_CHARS, Pace, TokenCounter, utf8Length, WORK_CHARS_PER_TOKEN } from './token-count';
import { splitTurns } from './turns';
import { composeTurns } from './user-turn';

export { utf8Length };

type Role = 'system' | 'user' | 'assistant';
type Tokenizer = (typeof import('llama3-tokenizer-js'))['default'];

/**
 * The Llama 3 tokenizer, loaded on first use: building its vocabulary costs seconds of CPU and
 * a large share of the process's memory (bench `abuse`, which warms it up first; bench/HISTORY.md),
 * and most conversations fit by their byte length alone (see below).
 */
let tokenizer: Promise<Tokenizer> | undefined;
export const loadTokenizer = (): Promise<Tokenizer> =>
  (tokenizer ??= import('llama3-tokenizer-js').then((m) => m.default));

const render = (role: Role, content: string) =>
  `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
const ASSISTANT_HEADER = '<|start_header_id|>assistant<|end_header_id|>\n\n';

/**
 * An upper bound on a message's tokens without the tokenizer: every Llama 3 token (byte-level
 * BPE, special tokens included) stands for at least one byte of text.
 */
export const messageTokensAtMost = (role: Role, content: string): number =>
  utf8Length(render(role, '')) + utf8Length(content.trim());

/** A message as the model gets it: a user turn's documents already composed into its content. */
export interface TurnMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface BudgetInput {
  system: string;
  messages: TurnMessage[];
  maxTokens: number;
  contextTokens: number;
}

export type BudgetResult =
  /**
   * promptTokens is exact (promptTokensExact), or an upper bound when the prompt fits by its
   * byte length alone, or a close estimate when a run of more than MAX_RUN_CHARS characters
   * was counted in pieces (lib/shared/ai/token-count.ts).
   */
  | { ok: true; messages: TurnMessage[]; droppedTurns: number; promptTokens: number; promptTokensExact: boolean }
  /** promptTokens: at least this many (counting stops once the newest turn is over the budget). */
  | { ok: false; promptTokens: number; available: number };

const templates = new WeakMap<Tokenizer, Map<string, number>>();

/**
 * At most this long at a time (ms) the server counts tokens, all requests together, before
 * anything else waiting on the event loop runs (lib/shared/ai/token-count.ts `Pace`).
 */
export const COUNT_SLICE_MS = 4;
const PACE = Symbol.for('swallow-chat.count-pace');
/** One Pace for the process (the chat route's bundle, or the browser's token worker). */
function countingPace(): Pace {
  const holder = globalThis as { [PACE]?: Pace };
  return (holder[PACE] ??= new Pace(COUNT_SLICE_MS));
}

/** Tokens of a rendered message around its content (the same for every content), or of a fixed text. */
function fixedTokens(encoder: Tokenizer, text: string): number {
  let known = templates.get(encoder);
  if (!known) templates.set(encoder, (known = new Map()));
  let tokens = known.get(text);
  if (tokens === undefined) known.set(text, (tokens = encoder.encode(text, { bos: false, eos: false }).length));
  return tokens;
}

/**
 * Drops the oldest turns until prompt + max_tokens fits the context window.
 * The system prompt and the newest turn (the user's new message) are never dropped.
 * When the prompt's byte length already fits, nothing can need dropping and the tokenizer
 * is not used. Otherwise turns are counted from the newest back, each only as far as the
 * budget left (a turn that does not fit ends the count), and the tokenizer's work is bounded
 * by WORK_CHARS_PER_TOKEN units per token of the budget (at most MAX_WORK_CHARS): a body of
 * any content costs at most tens of milliseconds (bench/abuse.ts, bench/counting.ts), counted
 * in slices of COUNT_SLICE_MS so that other requests never wait longer than one slice.
 */
export async function fitToContext({ system, messages, maxTokens, contextTokens }: BudgetInput): Promise<BudgetResult> {
  const available = contextTokens - maxTokens;
  const bound =
    1 +
    utf8Length(ASSISTANT_HEADER) +
    (system.trim() ? messageTokensAtMost('system', system) : 0) +
    messages.reduce((sum, m) => sum + messageTokensAtMost(m.role, m.content), 0);
  if (bound <= available) return { ok: true, messages, droppedTurns: 0, promptTokens: bound, promptTokensExact: false };

  const encoder = await loadTokenizer();
  const counter = new TokenCounter(
    encoder,
    Math.min(WORK_CHARS_PER_TOKEN * Math.max(0, available), MAX_WORK_CHARS),
    countingPace(),
  );
  // A message's content is counted apart from its template: the template's "\n\n" before the
  // trimmed content and the special tokens around it are pretokens of their own.
  const count = async (role: Role, content: string, limit: number) => {
    const template = fixedTokens(encoder, render(role, ''));
    return template + (await counter.countPaced(content.trim(), limit - template));
  };
  // <|begin_of_text|> plus the assistant header the reply is generated after.
  let promptTokens = 1 + fixedTokens(encoder, ASSISTANT_HEADER);
  if (system.trim()) promptTokens += await count('system', system, available - promptTokens);
  // Whether the kept part was counted exactly (a turn that does not fit may have been counted in pieces).
  let exact = counter.exact;

  const turnTokens = async (turn: TurnMessage[], limit: number) => {
    let tokens = 0;
    for (const m of turn) if ((tokens += await count(m.role, m.content, limit - tokens)) > limit) break;
    return tokens;
  };
  const turns = splitTurns(messages);
  let firstKept = turns.length;
  while (firstKept > 0) {
    const tokens = await turnTokens(turns[firstKept - 1], available - promptTokens);
    if (promptTokens + tokens <= available) {
      promptTokens += tokens;
      exact = counter.exact;
      firstKept -= 1;
    } else if (firstKept === turns.length) return { ok: false, promptTokens: promptTokens + tokens, available };
    else break;
  }
  if (promptTokens > available) return { ok: false, promptTokens, available };
  return {
    ok: true,
    messages: turns.slice(firstKept).flat(),
    droppedTurns: firstKept,
    promptTokens,
    promptTokensExact: exact,
  };
}

/**
 * fitToContext for a validated chat request: its system prompt, turns (documents composed into
 * their user turns, lib/shared/ai/user-turn.ts) and max_tokens. The documents of the newest turn are
 * never dropped: that turn fits whole or the request is refused (context_too_long); an older
 * turn is dropped whole, documents and all, as the context notice tells the user.
 */
export function fitRequestToContext(request: ChatRequest, contextTokens: number): Promise<BudgetResult> {
  const { system, messages, max_tokens: maxTokens } = request;
  return fitToContext({ system, messages: composeTurns(messages), maxTokens, contextTokens });
}

/** What the context meter shows: every part counted exactly, and the server's rule applied. */
export interface ContextMeasure {
  contextTokens: number;
  maxTokens: number;
  /** <|begin_of_text|>, the system prompt and the reply's assistant header. */
  baseTokens: number;
  /** Each turn's tokens, oldest first (the newest is the message being written). */
  turnTokens: number[];
  /** Oldest turns the server will leave out so the rest fits (0 when over the window). */
  droppedTurns: number;
  /** The prompt the server will send: base plus the kept turns (when over: base plus the newest). */
  promptTokens: number;
  /** promptTokens + maxTokens − contextTokens when positive: by how much sending is refused. */
  overBy: number;
}

/**
 * The context meter's arithmetic, with fitToContext's templates and rule: the newest turn is
 * never dropped (over the window it is refused), older turns are kept from the newest back
 * while they fit. Unlike fitToContext it counts every turn in full, with no work allowance
 * (the browser counts one conversation, in a worker), so figures are exact where fitToContext
 * may count by bytes; the two agree on what is kept (a unit test checks).
 */
export function measureContext(
  { system, messages, maxTokens, contextTokens }: BudgetInput,
  encoder: Tokenizer,
  counter = new TokenCounter(encoder, Infinity),
): ContextMeasure {
  const available = contextTokens - maxTokens;
  const count = (role: Role, content: string) =>
    fixedTokens(encoder, render(role, '')) + counter.count(content.trim(), Infinity);
  let baseTokens = 1 + fixedTokens(encoder, ASSISTANT_HEADER);
  if (system.trim()) baseTokens += count('system', system);
  const turnTokens = splitTurns(messages).map((turn) => turn.reduce((sum, m) => sum + count(m.role, m.content), 0));
  let firstKept = Math.max(0, turnTokens.length - 1);
  let promptTokens = baseTokens + (turnTokens.at(-1) ?? 0);
  const overBy = Math.max(0, promptTokens - available);
  while (overBy === 0 && firstKept > 0 && promptTokens + turnTokens[firstKept - 1] <= available) {
    promptTokens += turnTokens[firstKept - 1];
    firstKept -= 1;
  }
  return {
    contextTokens,
    maxTokens,
    baseTokens,
    turnTokens,
    droppedTurns: overBy > 0 ? 0 : firstKept,
    promptTokens,
    overBy,
  };
}
