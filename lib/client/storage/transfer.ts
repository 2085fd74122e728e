import type { ImportFileError } from '@/lib/client/validation/import-file';
import type { Conversation } from './conversation';

export const CONVERSATIONS_FORMAT = 'swallow-chat/conversations';
export const MAX_CONVERSATION_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_CONVERSATIONS = 5_000;

export type ConversationImportError = ImportFileError;

export function exportConversations(conversations: readonly Conversation[], now = new Date()): string {
  return `${JSON.stringify({ format: CONVERSATIONS_FORMAT, version: 1, exportedAt: now.toISOString(), conversations }, null, 2)}\n`;
}

export interface MarkdownLabels {
  user: string;
  assistant: string;
  systemPrompt: string;
  model: string;
  /** Heading of the other reply kept from a comparison. */
  alternative?: string;
}

export function conversationToMarkdown(conversation: Conversation, labels: MarkdownLabels): string {
  const { settings } = conversation;
  const head = [
    `# ${conversation.title || conversation.id}`,
    '',
    `- ${labels.model}: ${settings.model} (temperature ${settings.temperature}, top_p ${settings.topP}, max_tokens ${settings.maxTokens})`,
    `- ${labels.systemPrompt}: ${settings.systemPrompt.replace(/\n/g, ' ')}`,
  ];
  const body = conversation.messages.map((m) => {
    const documents = (m.documents ?? []).map(markdownDocument).join('');
    const turn = `## ${m.role === 'user' ? labels.user : labels.assistant}\n\n${documents}${m.text}`;
    const alternatives = (m.compared?.alternatives ?? []).map(
      (other) => `### ${labels.alternative ?? 'Alternative'} (${other.model})\n\n${other.text}`,
    );
    const picked = m.compared ? [`- ${labels.model}: ${m.compared.model}`] : [];
    return [turn, ...picked, ...alternatives].join('\n\n');
  });
  return `${[...head, '', ...body].join('\n')}\n`.replace(/\n{3,}/g, '\n\n');
}

/** An attached document in a Markdown export: its name, then its text in a fence longer than any inside. */
function markdownDocument({ name, text }: { name: string; text: string }): string {
  let longest = 2;
  for (const [run] of text.matchAll(/`+/g)) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  return `📎 **${name.replace(/([\\`*_[\]<>])/g, '\\$1')}**\n\n${fence}text\n${text.replace(/\n+$/, '')}\n${fence}\n\n`;
}

/** JSON with its keys in order and undefined left out: two copies of one conversation compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Same conversation, same content (a title never renamed reads the same with or without the flag). */
export function sameConversation(a: Conversation, b: Conversation): boolean {
  const flagged = (c: Conversation) => ({ ...c, titleEdited: Boolean(c.titleEdited) });
  return canonical(flagged(a)) === canonical(flagged(b));
}

export interface ImportPlan {
  /** What to store: new conversations, and newer copies of ones already here. */
  conversations: Conversation[];
  added: number;
  /** Already here with an older copy: the file's newer one replaces it. */
  replaced: number;
  /** Already here as they are in the file: left alone. */
  unchanged: number;
  /** Already here, and changed here since (or as new): this browser's copy is kept. */
  keptNewer: number;
}

/**
 * What an import file adds to the history. Re-importing one's own backup adds nothing twice:
 * a conversation is known by its id; the same id with the same content is skipped; the same id
 * with other content keeps whichever copy was updated later (a tie keeps this browser's: a rename
 * does not move updatedAt), as a sync would: the file from another device brings its newer
 * turns, an older backup does not undo what was said since. A file that lists one id twice
 * counts its later entry against the first.
 */
export function planImport(incoming: readonly Conversation[], existing: readonly Conversation[]): ImportPlan {
  const known = new Map(existing.map((conversation) => [conversation.id, conversation]));
  const chosen = new Map<string, Conversation>();
  let unchanged = 0;
  let keptNewer = 0;
  for (const conversation of incoming) {
    const current = chosen.get(conversation.id) ?? known.get(conversation.id);
    if (!current || (conversation.updatedAt > current.updatedAt && !sameConversation(current, conversation))) {
      chosen.set(conversation.id, conversation);
    } else if (sameConversation(current, conversation)) {
      unchanged += 1;
    } else {
      keptNewer += 1;
    }
  }
  const conversations = [...chosen.values()];
  const replaced = conversations.filter((conversation) => known.has(conversation.id)).length;
  return { conversations, added: conversations.length - replaced, replaced, unchanged, keptNewer };
}
