/**
 * The user's turn as the model reads it: each attached document's text in a tagged block named
 * by its file, then the user's message (issue #19). The one composition used by the server
 * (prepare-reply → context budget → upstream) and by the browser's context meter.
 *
 *   <document name="議事録.txt">
 *   …the file's text…
 *   </document>
 *
 *   この議事録を要約してください。
 *
 * XML-like tags are what Llama 3 instruction models (and the Swallow tuning data derived from
 * them) follow best for "here is a document"; a Markdown fence would be broken by the code
 * fences common in .md files. A closing tag inside the text is written `<\/document` so it
 * cannot end the block early; nothing else in the text changes (HTML, XML and code stay
 * readable and cost the tokens they cost).
 */

export interface TurnDocument {
  /** The file's name, shown to the model in the block's name attribute. */
  name: string;
  text: string;
}

const attribute = (value: string) =>
  value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** One document as a delimited block (what a chip's token count counts). */
export function documentBlock({ name, text }: TurnDocument): string {
  const body = text
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .replace(/<\/(\s*document)/gi, '<\\/$1');
  return `<document name="${attribute(name)}">\n${body}\n</document>`;
}

/** The text of a user turn: its documents' blocks, then the message (either may be absent). */
export function composeUserTurn(content: string, documents: readonly TurnDocument[] = []): string {
  if (documents.length === 0) return content;
  const blocks = documents.map(documentBlock).join('\n\n');
  return content.trim() ? `${blocks}\n\n${content}` : blocks;
}

/** A conversation's messages with every user turn composed (the shape the budget counts). */
export function composeTurns<M extends { role: 'user' | 'assistant'; content: string; documents?: TurnDocument[] }>(
  messages: readonly M[],
): { role: 'user' | 'assistant'; content: string }[] {
  return messages.map(({ role, content, documents }) => ({
    role,
    content: role === 'user' ? composeUserTurn(content, documents) : content,
  }));
}

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
