import type { ChatRequest } from '@/lib/shared/schemas/chat-request';
import { profileForModel, requestReasoning } from '@/lib/shared/model/profile';

export interface BudgetAnswer {
  /** Oldest turns the chat route's context budget leaves out of this request. */
  droppedTurns: number;
  /** The body it was counted for (answers can arrive out of order). */
  for: ChatRequest;
}

/** Numbers for the token worker's base requests: negative, so never one of the meter's (useContextMeasure). */
const baseKeys = new WeakMap<ChatRequest, number>();
let lastBaseKey = 0;

/**
 * How many of the request's oldest turns the chat route would leave out, counted in the browser
 * by the context meter's own code (the token worker: lib/shared/ai/context-budget.ts
 * measureContext, the server's templates and rule), so the snippet sends what our server sends
 * upstream. Nothing leaves the browser; if the worker cannot run, nothing is left out.
 */
export async function countDroppedTurns(body: ChatRequest): Promise<BudgetAnswer> {
  try {
    const { measureDraft } = await import('./token-client');
    let key = baseKeys.get(body);
    if (key === undefined) baseKeys.set(body, (key = --lastBaseKey));
    const base = {
      system: body.system,
      messages: body.messages,
      maxTokens: body.max_tokens,
      contextTokens: profileForModel(body.model).contextTokens,
      tokenizer: profileForModel(body.model).tokenizer,
      reasoning: requestReasoning(body),
    };
    const measure = await measureDraft(base, key, body.messages.at(-1)?.content ?? '');
    return { droppedTurns: measure.droppedTurns, for: body };
  } catch {
    return { droppedTurns: 0, for: body };
  }
}
