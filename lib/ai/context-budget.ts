import llama3Tokenizer from 'llama3-tokenizer-js';
import type { ChatTurnMessage } from './schema';

type Role = 'system' | 'user' | 'assistant';

/**
 * Tokens of one message in the Llama 3 chat template:
 * <|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>
 * Swallow keeps the Llama 3 tokenizer, so this count is exact.
 */
export function countMessageTokens(role: Role, content: string): number {
  const rendered = `<|start_header_id|>${role}<|end_header_id|>\n\n${content.trim()}<|eot_id|>`;
  return llama3Tokenizer.encode(rendered, { bos: false, eos: false }).length;
}

/** <|begin_of_text|> plus the assistant header the reply is generated after. */
const PROMPT_OVERHEAD_TOKENS = 1 + llama3Tokenizer.encode('<|start_header_id|>assistant<|end_header_id|>\n\n', { bos: false, eos: false }).length;

export interface BudgetInput {
  system: string;
  messages: ChatTurnMessage[];
  maxTokens: number;
  contextTokens: number;
}

export type BudgetResult =
  | { ok: true; messages: ChatTurnMessage[]; droppedTurns: number; promptTokens: number }
  | { ok: false; promptTokens: number; available: number };

/** Splits history into turns: each starts at a user message and runs up to the next one. */
function splitTurns(messages: ChatTurnMessage[]): ChatTurnMessage[][] {
  const turns: ChatTurnMessage[][] = [];
  for (const message of messages) {
    if (message.role === 'user' || turns.length === 0) turns.push([message]);
    else turns[turns.length - 1].push(message);
  }
  return turns;
}

/**
 * Drops the oldest turns until prompt + max_tokens fits the context window.
 * The system prompt and the newest turn (the user's new message) are never dropped.
 */
export function fitToContext({ system, messages, maxTokens, contextTokens }: BudgetInput): BudgetResult {
  const turns = splitTurns(messages);
  const turnTokens = turns.map((turn) => turn.reduce((sum, m) => sum + countMessageTokens(m.role, m.content), 0));
  const fixed = PROMPT_OVERHEAD_TOKENS + (system.trim() ? countMessageTokens('system', system) : 0);
  const available = contextTokens - maxTokens;

  let promptTokens = fixed + turnTokens.reduce((a, b) => a + b, 0);
  let firstKept = 0;
  while (promptTokens > available && firstKept < turns.length - 1) {
    promptTokens -= turnTokens[firstKept];
    firstKept += 1;
  }
  if (promptTokens > available) return { ok: false, promptTokens, available };
  return { ok: true, messages: turns.slice(firstKept).flat(), droppedTurns: firstKept, promptTokens };
}
