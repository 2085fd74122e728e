/**
 * Conversation turns, as the context budget counts them: each starts at a user message and
 * runs up to the next one. Kept apart from the tokenizer so the browser can use it cheaply.
 */
export interface TurnMessage {
  role: 'user' | 'assistant';
}

export function splitTurns<M extends TurnMessage>(messages: M[]): M[][] {
  const turns: M[][] = [];
  for (const message of messages) {
    if (message.role === 'user' || turns.length === 0) turns.push([message]);
    else turns[turns.length - 1].push(message);
  }
  return turns;
}

/** The messages without the `count` oldest turns (what the server sends when it drops them). */
export function dropOldestTurns<M extends TurnMessage>(messages: M[], count: number): M[] {
  return count > 0 ? splitTurns(messages).slice(count).flat() : messages;
}
