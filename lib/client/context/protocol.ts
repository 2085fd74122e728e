import type { ContextMeasure, ReasoningOptions } from '@/lib/shared/ai/context-budget';
import type { TokenizerName } from '@/lib/shared/model/profile';
import type { TurnDocument } from '@/lib/shared/ai/turns';

/** A request as the server would get it, for the meter: the same fields prepare-reply budgets. */
export interface MeasureInput {
  system: string;
  messages: { role: 'user' | 'assistant'; content: string; documents?: TurnDocument[] }[];
  maxTokens: number;
  contextTokens: number;
  /** The selected model's tokenizer family (null: counted by bytes, shown as "about"). */
  tokenizer: TokenizerName | null;
  reasoning: ReasoningOptions;
}

/**
 * The meter's request with `draft` as the newest user turn's message: `base` is the request
 * built with an empty draft (lib/client/context/meter-input.ts), whose last message is that turn, with
 * the documents attached to it. The same request as one built with the draft (a unit test says so).
 */
export function withDraft(base: MeasureInput, draft: string): MeasureInput {
  const last = base.messages.at(-1);
  if (!last) return base;
  return { ...base, messages: [...base.messages.slice(0, -1), { ...last, content: draft.trim() }] };
}

/**
 * `measure`: the meter's figures for the base request `baseKey` with `draft` typed. The worker
 * keeps the last base it was given: `base` comes along only when it changed (the conversation,
 * the settings or the attached documents), so a keystroke posts the draft, not every document.
 */
export type TokenRequest =
  | { id: number; op: 'count'; text: string; tokenizer: TokenizerName | null }
  | { id: number; op: 'measure'; baseKey: number; base?: MeasureInput; draft: string };

export type TokenResponse =
  | { id: number; ok: true; tokens: number }
  | { id: number; ok: true; measure: ContextMeasure }
  | { id: number; ok: false; message: string };
