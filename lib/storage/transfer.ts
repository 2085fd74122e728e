import type { ImportFileError } from '@/lib/validation/import-file';
import { newConversationId, type Conversation } from './conversation';

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

/** Imported conversations whose id is taken get a new id: nothing is overwritten. */
export function withFreshIds(
  incoming: readonly Conversation[],
  takenIds: ReadonlySet<string>,
): { conversations: Conversation[]; renamed: number } {
  const taken = new Set(takenIds);
  let renamed = 0;
  const conversations = incoming.map((conversation) => {
    if (!taken.has(conversation.id)) {
      taken.add(conversation.id);
      return conversation;
    }
    renamed += 1;
    const id = newConversationId();
    taken.add(id);
    return { ...conversation, id };
  });
  return { conversations, renamed };
}
