import type { ContextMeasure } from '@/lib/ai/context-budget';
import type { TurnDocument } from '@/lib/ai/user-turn';

/** A request as the server would get it, for the meter: the same fields prepare-reply budgets. */
export interface MeasureInput {
  system: string;
  messages: { role: 'user' | 'assistant'; content: string; documents?: TurnDocument[] }[];
  maxTokens: number;
  contextTokens: number;
}

export type TokenRequest =
  { id: number; op: 'count'; text: string } | { id: number; op: 'measure'; input: MeasureInput };

export type TokenResponse =
  | { id: number; ok: true; tokens: number }
  | { id: number; ok: true; measure: ContextMeasure }
  | { id: number; ok: false; message: string };
