import 'server-only';
import type { ChatRequest, ChatTurnMessage } from './schema';
import { splitTurns } from './turns';

type Role = 'system' | 'user' | 'assistant';
type Tokenizer = (typeof import('llama3-tokenizer-js'))['default'];

/**
 * The Llama 3 tokenizer, loaded on first use: it takes ~1.4 s of CPU and ~120 MB of memory to
 * build its vocabulary, and most conversations fit by their byte length alone (see below).
 */
let tokenizer: Promise<Tokenizer> | undefined;
export const loadTokenizer = (): Promise<Tokenizer> =>
  (tokenizer ??= import('llama3-tokenizer-js').then((m) => m.default));

const render = (role: Role, content: string) =>
  `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
const ASSISTANT_HEADER = '<|start_header_id|>assistant<|end_header_id|>\n\n';

/** UTF-8 length of `text`. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * An upper bound on a message's tokens without the tokenizer: every Llama 3 token (byte-level
 * BPE, special tokens included) stands for at least one byte of text.
 */
export const messageTokensAtMost = (role: Role, content: string): number => utf8Length(render(role, content));

export interface BudgetInput {
  system: string;
  messages: ChatTurnMessage[];
  maxTokens: number;
  contextTokens: number;
}

export type BudgetResult =
  /**
   * promptTokens is exact, or an upper bound when the prompt fits by its byte length alone
   * (promptTokensExact false).
   */
  | { ok: true; messages: ChatTurnMessage[]; droppedTurns: number; promptTokens: number; promptTokensExact: boolean }
  | { ok: false; promptTokens: number; available: number };

/**
 * Drops the oldest turns until prompt + max_tokens fits the context window.
 * The system prompt and the newest turn (the user's new message) are never dropped.
 * When the prompt's byte length already fits, nothing can need dropping and the tokenizer
 * is not used.
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
  const count = (role: Role, content: string) =>
    encoder.encode(render(role, content), { bos: false, eos: false }).length;
  const turns = splitTurns(messages);
  const turnTokens = turns.map((turn) => turn.reduce((sum, m) => sum + count(m.role, m.content), 0));
  // <|begin_of_text|> plus the assistant header the reply is generated after.
  const fixed =
    1 +
    encoder.encode(ASSISTANT_HEADER, { bos: false, eos: false }).length +
    (system.trim() ? count('system', system) : 0);

  let promptTokens = fixed + turnTokens.reduce((a, b) => a + b, 0);
  let firstKept = 0;
  while (promptTokens > available && firstKept < turns.length - 1) {
    promptTokens -= turnTokens[firstKept];
    firstKept += 1;
  }
  if (promptTokens > available) return { ok: false, promptTokens, available };
  return {
    ok: true,
    messages: turns.slice(firstKept).flat(),
    droppedTurns: firstKept,
    promptTokens,
    promptTokensExact: true,
  };
}

/** fitToContext for a validated chat request: its system prompt, turns and max_tokens. */
export function fitRequestToContext(request: ChatRequest, contextTokens: number): Promise<BudgetResult> {
  const { system, messages, max_tokens: maxTokens } = request;
  return fitToContext({ system, messages, maxTokens, contextTokens });
}
