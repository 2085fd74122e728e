import type { TurnDocument } from '@/lib/shared/ai/user-turn';
import type { AttachedDocument, ChatMessage } from './types';

type Part = ChatMessage['parts'][number];
type DocumentPart = Extract<Part, { type: 'data-document' }>;

const isDocumentPart = (part: Part): part is DocumentPart => part.type === 'data-document';

/** The documents a message carries, in the order they were attached. */
export function messageDocuments(message: Pick<ChatMessage, 'parts'>): AttachedDocument[] {
  return message.parts.filter(isDocumentPart).map((part) => part.data);
}

/** A user message's parts: its documents, then its text (none when empty). */
export function userMessageParts(text: string, documents: readonly AttachedDocument[] = []): ChatMessage['parts'] {
  return [
    ...documents.map((data): DocumentPart => ({ type: 'data-document', data })),
    ...(text ? [{ type: 'text' as const, text }] : []),
  ];
}

/** What the server gets of a document: its name and text (lib/shared/schemas/chat-request.ts). */
export const toTurnDocument = ({ name, text }: AttachedDocument): TurnDocument => ({ name, text });
