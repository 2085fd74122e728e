import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '@/lib/client/storage/conversation';
import { parseConversationFile } from '@/lib/client/storage/import-file';
import { conversationToMarkdown, exportConversations } from '@/lib/client/storage/transfer';
import { conversationSchema } from '@/lib/client/storage/conversation-schema';
import { fromStoredMessages, toStoredMessages } from './convert';
import { conversationMatches } from './history-search';
import { VersionTree } from './versions';
import type { ChatMessage } from './types';

const user = (id: string, text: string): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const reply = (id: string, text: string, metadata: ChatMessage['metadata'] = {}): ChatMessage => ({
  id,
  role: 'assistant',
  parts: [{ type: 'text', text }],
  metadata,
});
const ids = (messages: readonly ChatMessage[]) => messages.map((m) => m.id);

/**
 * u1 → a1 (1/3) → u2 → a2; a1b (2/3); a1c (3/3, shown). As regenerating a1 twice leaves it: each
 * regenerate drops the reply from the chat's messages and streams a new one in.
 */
function regeneratedTwice(): { tree: VersionTree; path: ChatMessage[] } {
  const tree = new VersionTree();
  let path = [user('u1', '質問'), reply('a1', '最初の回答'), user('u2', '続きの質問'), reply('a2', '続きの回答')];
  tree.follow(path);
  for (const [id, text] of [
    ['a1b', '二つ目の回答'],
    ['a1c', '三つ目の回答'],
  ]) {
    path = path.slice(0, 1);
    tree.follow(path);
    path = [...path, reply(id, '')];
    tree.follow(path);
    path = [...path.slice(0, 1), reply(id, text)];
    tree.follow(path);
  }
  return { tree, path };
}

describe('VersionTree', () => {
  it('keeps each regenerated reply as a version, in the order made, with what followed it', () => {
    const { tree, path } = regeneratedTwice();
    expect(ids(path)).toEqual(['u1', 'a1c']);
    expect(tree.info('a1c')).toEqual({ index: 2, count: 3 });
    expect(tree.info('u1')).toBeNull();

    const back = tree.switched(path, 'a1c', -1)!;
    expect(ids(back)).toEqual(['u1', 'a1b']);
    tree.follow(back);
    const first = tree.switched(back, 'a1b', -1)!;
    // The first reply comes back with the turns that followed it.
    expect(ids(first)).toEqual(['u1', 'a1', 'u2', 'a2']);
    tree.follow(first);
    expect(tree.info('a1')).toEqual({ index: 0, count: 3 });
    expect(tree.switched(first, 'a1', -1)).toBeNull();
    expect(ids(tree.switched(first, 'a1', 2)!)).toEqual(['u1', 'a1c']);
  });

  it('records a streaming reply as it grows, and a path that changes under the same objects', () => {
    const tree = new VersionTree();
    const start = [user('u1', '質問'), reply('a1', '回答'), user('u2', '続き')];
    let changes = 0;
    tree.subscribe(() => (changes += 1));
    tree.follow([...start, reply('a2', '')]);
    // Messages added after the last change no message's versions: the view stays the same.
    const view = tree.view();
    expect(changes).toBe(0);
    // Chunks: a new last object each time, the others the same: no change of versions.
    const grown = reply('a2', '続きの回答');
    tree.follow([...start, grown]);
    tree.follow([...start, grown]);
    expect(changes).toBe(0);
    expect(tree.view()).toBe(view);
    expect(tree.messages.get('a2')).toBe(grown);
    // A regenerate of a2 (same objects before it) records the new version beside it, and says so.
    tree.follow(start);
    tree.follow([...start, reply('a2b', '別の回答')]);
    expect(changes).toBe(1);
    expect(tree.view()).not.toBe(view);
    expect(tree.view()('a2b')).toEqual({ index: 1, count: 2 });
    expect(tree.info('a2b')).toEqual({ index: 1, count: 2 });
    // The same objects in new places (a message deleted before them) are recorded in their places.
    tree.forget('u2', false);
    tree.follow([start[0], start[1], grown]);
    expect(tree.below('a1').map((m) => m.id)).toEqual(['a1', 'a2']);
  });

  it('keeps an edited message beside the original, each with its own replies', () => {
    const tree = new VersionTree();
    const original = [user('u1', '元の質問'), reply('a1', '元の回答')];
    tree.follow(original);
    // editAndResend: the edited message (a new id) replaces the path from there, then a reply streams.
    tree.follow([user('u1e', '直した質問')]);
    const edited = [user('u1e', '直した質問'), reply('a1e', '直した質問への回答')];
    tree.follow(edited);
    expect(tree.info('u1e')).toEqual({ index: 1, count: 2 });
    expect(tree.info('a1e')).toBeNull();
    const back = tree.switched(edited, 'u1e', -1)!;
    expect(back.map((m) => m.parts[0])).toEqual([
      { type: 'text', text: '元の質問' },
      { type: 'text', text: '元の回答' },
    ]);
  });

  it('remembers which version was shown under a version that is not', () => {
    const { tree, path } = regeneratedTwice();
    // Show a1 (with u2 → a2), regenerate a2 there, then go to a1c and back.
    let shown = tree.switched(path, 'a1c', -2)!;
    tree.follow(shown);
    shown = [...shown.slice(0, 3), reply('a2b', '続きの回答・別版')];
    tree.follow(shown);
    const away = tree.switched(shown, 'a1', 2)!;
    tree.follow(away);
    expect(ids(tree.switched(away, 'a1c', -2)!)).toEqual(['u1', 'a1', 'u2', 'a2b']);
  });

  it('does not keep a reply that failed before its first word, nor a deleted message', () => {
    const tree = new VersionTree();
    const failed = reply('f', '', { state: 'error', error: 'upstream_unavailable' });
    failed.parts = [];
    tree.follow([user('u1', '質問'), failed]);
    tree.follow([user('u1', '質問'), reply('a1', '回答')]);
    expect(tree.info('a1')).toBeNull();

    tree.follow([user('u1', '質問'), reply('a1', '回答'), user('u2', '次'), reply('a2', '次の回答')]);
    tree.forget('u2');
    tree.follow([user('u1', '質問'), reply('a1', '回答'), reply('a2', '次の回答')]);
    expect(tree.stored([user('u1', '質問'), reply('a1', '回答'), reply('a2', '次の回答')])).toEqual([]);
  });

  it('adds a version beside a message without showing it (a comparison’s other reply)', () => {
    const tree = new VersionTree();
    const prompt = user('p', '比べて');
    tree.addVersion('p', reply('r8', '8B の回答', { model: 'org/8b' }));
    const path = [prompt, reply('r70', '70B の回答')];
    tree.follow(path);
    expect(tree.info('r70')).toEqual({ index: 1, count: 2 });
    expect(ids(tree.switched(path, 'r70', -1)!)).toEqual(['p', 'r8']);
  });
});

const settings = { model: 'm', temperature: 0.6, topP: 0.9, maxTokens: 512, systemPrompt: '', presetId: null };

function saved(tree: VersionTree, path: readonly ChatMessage[]): Conversation {
  const versions = tree.stored(path);
  return {
    v: 1,
    id: 'conv0001',
    title: '質問',
    titleEdited: false,
    createdAt: 1,
    updatedAt: 2,
    settings,
    messages: toStoredMessages(path, 'ready'),
    ...(versions.length > 0 ? { versions } : {}),
  };
}

describe('saved versions', () => {
  it('reads a conversation saved before versions as one version of everything', () => {
    const old = {
      v: 1,
      id: 'old00001',
      title: '昔の会話',
      createdAt: 1,
      updatedAt: 1,
      settings,
      messages: [
        { id: 'u1', role: 'user', text: '昔の質問' },
        { id: 'a1', role: 'assistant', text: '昔の回答', state: 'done' },
      ],
    };
    const parsed = conversationSchema.parse(old);
    const path = fromStoredMessages(parsed.messages);
    const tree = new VersionTree(path, parsed.versions);
    expect(ids(path)).toEqual(['u1', 'a1']);
    expect(tree.info('u1')).toBeNull();
    expect(tree.info('a1')).toBeNull();
    expect(tree.stored(path)).toEqual([]);
  });

  it('stores the path as messages and every other version, and reads them back in place', () => {
    const { tree, path } = regeneratedTwice();
    const shown = tree.switched(path, 'a1c', -1)!; // a1b: the middle version
    tree.follow(shown);
    const conversation = saved(tree, shown);
    expect(conversation.messages.map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(conversation.versions?.map((v) => [v.id, v.parentId, v.at])).toEqual([
      ['a1', 'u1', 0],
      ['a1c', 'u1', 2],
      ['u2', 'a1', 0],
      ['a2', 'u2', 0],
    ]);

    const reread = new VersionTree(fromStoredMessages(conversation.messages), conversation.versions);
    const readPath = fromStoredMessages(conversation.messages);
    expect(reread.info('a1b')).toEqual({ index: 1, count: 3 });
    expect(ids(reread.switched(readPath, 'a1b', -1)!)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(reread.stored(readPath)).toEqual(conversation.versions);
  });

  it('survives the JSON export and import with every version; Markdown carries the path shown', () => {
    const { tree, path } = regeneratedTwice();
    const conversation = saved(tree, path);
    const file = exportConversations([conversation]);
    const imported = parseConversationFile(file, 0);
    expect(imported.ok && imported.conversations[0]).toEqual(conversation);
    const markdown = conversationToMarkdown(conversation, {
      user: 'あなた',
      assistant: 'Swallow',
      systemPrompt: 'システムプロンプト',
      model: 'モデル',
    });
    expect(markdown).toContain('三つ目の回答');
    expect(markdown).not.toContain('最初の回答');
    expect(markdown).not.toContain('続きの質問');
  });

  it('is found by history search through text in any version', () => {
    const { tree, path } = regeneratedTwice();
    const conversation = saved(tree, path);
    expect(conversationMatches('最初の回答', conversation)).toBe(true);
    expect(conversationMatches('続きの質問', conversation)).toBe(true);
    expect(conversationMatches('どこにもない', conversation)).toBe(false);
  });

  it('rejects a version that claims no place or a bad parent', () => {
    const { tree, path } = regeneratedTwice();
    const conversation = saved(tree, path);
    const [first, ...rest] = conversation.versions!;
    expect(conversationSchema.safeParse({ ...conversation, versions: [{ ...first, at: -1 }, ...rest] }).success).toBe(
      false,
    );
    expect(conversationSchema.safeParse({ ...conversation, versions: [{ ...first, parentId: '' }] }).success).toBe(
      false,
    );
  });
});
