import { messageDocuments, userMessageParts, newMessageId, type ChatHandle, failedReplyId } from './chat-session';
import { versionTree } from './versions';
import type { ChatMessage } from './types';

/**
 * Edits an earlier user message and continues the conversation from there. The edit is a new
 * version beside the message (its own id): the message as it was keeps what followed it.
 */
export async function editAndResend(chat: ChatHandle, messageId: string, text: string): Promise<void> {
  const index = chat.messages.findIndex((m) => m.id === messageId);
  const original = chat.messages[index];
  if (index < 0 || original.role !== 'user') return;
  // The message's documents stay with it; only its text is edited.
  const documents = messageDocuments(original);
  if (!text.trim() && documents.length === 0) return;
  await chat.stop();
  versionTree(chat);
  const edited: ChatMessage = { ...original, id: newMessageId(), parts: userMessageParts(text.trim(), documents) };
  chat.messages = [...chat.messages.slice(0, index), edited];
  await chat.regenerate();
}

/** A deleted message and where it was, for undo ({@link restoreMessage}). */
export interface DeletedMessage {
  message: ChatMessage;
  index: number;
  /** A deleted version: the path it was on (its follow-ups went from view with it). */
  path?: ChatMessage[];
}

/**
 * Deletes one message. A message with other versions is one version deleted: the version
 * beside it (the one before, else after) takes its place, with what followed it.
 */
export async function deleteMessage(chat: ChatHandle, messageId: string): Promise<DeletedMessage | null> {
  if (chat.status === 'submitted' || chat.status === 'streaming') await chat.stop();
  const index = chat.messages.findIndex((m) => m.id === messageId);
  if (index < 0) return null;
  // The error of a failed reply is shown inside it, and goes with it.
  if (chat.status === 'error' && failedReplyId(chat.messages, chat.status) === messageId) chat.clearError();
  const message = chat.messages[index];
  const path = chat.messages;
  const tree = versionTree(chat);
  const siblings = tree.siblings(messageId);
  const at = siblings.indexOf(messageId);
  const neighbour = siblings.length > 1 ? siblings[at > 0 ? at - 1 : at + 1] : undefined;
  // Out of the tree first: the save the new messages cause must not keep it as a version.
  tree.forget(messageId);
  if (neighbour) {
    chat.messages = [...path.slice(0, index), ...tree.below(neighbour)];
    return { message, index, path };
  }
  chat.messages = path.filter((m) => m.id !== messageId);
  return { message, index };
}

/** Undoes {@link deleteMessage}: the message goes back where it was (or at the end, if fewer are left). */
export function restoreMessage(chat: ChatHandle, { message, index, path }: DeletedMessage): void {
  if (chat.messages.some((m) => m.id === message.id)) return;
  if (path) {
    chat.messages = path;
    return;
  }
  const at = Math.min(index, chat.messages.length);
  chat.messages = [...chat.messages.slice(0, at), message, ...chat.messages.slice(at)];
}

/** Asks again for the reply of the turn that failed (the failed reply, if one began, is replaced). */
export async function retryFailedTurn(chat: ChatHandle): Promise<void> {
  chat.clearError();
  await chat.regenerate();
}

/** Generates any assistant reply again, as a new version beside it (the turns after it stay with the old one). */
export async function regenerateReply(chat: ChatHandle, messageId: string): Promise<void> {
  if (chat.status === 'submitted' || chat.status === 'streaming') await chat.stop();
  versionTree(chat);
  await chat.regenerate({ messageId });
}
