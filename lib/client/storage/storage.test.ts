import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { titleFrom } from '@/lib/shared/history/title';
import { markInterrupted, type Conversation } from './conversation';
import { savedConversation as conversation } from './conversation.fixture';
import { MemoryStore, openConversationStore } from './db';
import { parseConversationFile } from './import-file';
import { conversationToMarkdown, exportConversations, planImport } from './transfer';

describe('conversation helpers', () => {
  it('titles a conversation from the first line of its first user message (lib/shared/history/title.ts)', () => {
    expect(titleFrom([{ role: 'user', text: '  一行目\n二行目 ' }])).toBe('一行目');
    expect(titleFrom([{ role: 'user', text: 'あ'.repeat(200) }]).length).toBeLessThanOrEqual(20);
  });

  it('marks a reply saved mid-stream as interrupted when read back', () => {
    const saved = conversation('abcdef1', 1, {
      messages: [{ id: 'a', role: 'assistant', text: '途中まで', state: 'streaming' }],
    });
    expect(markInterrupted(saved).messages[0].state).toBe('interrupted');
  });
});

describe('IndexedDB store', () => {
  it('stores, lists newest first, and deletes', async () => {
    const store = await openConversationStore();
    expect(store.persistent).toBe(true);
    await store.put(conversation('older01', 100));
    await store.put(conversation('newer01', 200));
    expect((await store.list()).map((c) => c.id).slice(0, 2)).toEqual(['newer01', 'older01']);
    expect((await store.get('older01'))?.messages[1].text).toBe('晴れの予報です。');
    await store.remove('older01');
    expect(await store.get('older01')).toBeUndefined();
  });

  it('reads a conversation that was streaming as interrupted', async () => {
    const store = await openConversationStore();
    await store.put(
      conversation('stream1', 300, { messages: [{ id: 'a', role: 'assistant', text: '途中', state: 'streaming' }] }),
    );
    expect((await store.get('stream1'))?.messages[0].state).toBe('interrupted');
  });

  it('falls back to memory without IndexedDB', async () => {
    const store = new MemoryStore();
    await store.put(conversation('memory1', 1));
    expect(store.persistent).toBe(false);
    expect(await store.list()).toHaveLength(1);
  });
});

describe('conversation files', () => {
  const file = exportConversations([conversation('abcdef1', 1)], new Date('2026-11-26T00:00:00Z'));

  it('export → import round trip', () => {
    expect(parseConversationFile(file, 0)).toEqual({ ok: true, conversations: [conversation('abcdef1', 1)] });
  });

  it('says precisely what is wrong, importing nothing', () => {
    expect(parseConversationFile('{', 0)).toEqual({ ok: false, error: { code: 'not_json' } });
    const broken = JSON.parse(file);
    broken.conversations[0].messages[1].role = 'system';
    expect(parseConversationFile(JSON.stringify(broken), 0)).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'bad_item', item: 1, path: 'conversations.0.messages.1.role' },
    });
    // Another kind of file (a presets export), and one from a newer version of the app.
    const presets = JSON.stringify({ format: 'swallow-chat/presets', version: 1, presets: [] });
    expect(parseConversationFile(presets, 0)).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'wrong_file' },
    });
    expect(parseConversationFile(JSON.stringify({ ...JSON.parse(file), version: 2 }), 0)).toMatchObject({
      ok: false,
      error: { code: 'wrong_shape', problem: 'newer_version' },
    });
    expect(parseConversationFile(JSON.stringify({ ...JSON.parse(file), conversations: [] }), 0)).toEqual({
      ok: false,
      error: { code: 'empty' },
    });
    expect(parseConversationFile(file, 5_000)).toMatchObject({ ok: false, error: { code: 'too_many' } });
  });

  it('re-importing a backup adds nothing twice; a changed copy keeps the newer one', () => {
    const here = [
      conversation('abcdef1', 5),
      conversation('renamed', 5),
      conversation('older01', 9),
      conversation('stale01', 2),
    ];
    // The backup as JSON (what a file carries) and as the schema reads it back (titleEdited set).
    const backup = JSON.parse(exportConversations(here)).conversations as Conversation[];
    expect(planImport(backup, here)).toEqual({ conversations: [], added: 0, replaced: 0, unchanged: 4, keptNewer: 0 });
    // Without the flag (saved before titleEdited existed) it is still the same conversation.
    const { titleEdited: _flag, ...unflagged } = here[0];
    expect(planImport([here[0]], [unflagged as Conversation]).unchanged).toBe(1);

    const file = [
      conversation('abcdef1', 5), // same
      conversation('renamed', 5, { title: '別の名前' }), // renamed here, same time: this browser's stays
      conversation('older01', 3, { title: '古い版' }), // older in the file: this browser's stays
      conversation('stale01', 7, { title: '続きのある版' }), // newer in the file: replaces
      conversation('fresh01', 1), // new
    ];
    const plan = planImport(file, here);
    expect(plan).toMatchObject({ added: 1, replaced: 1, unchanged: 1, keptNewer: 2 });
    expect(plan.conversations.map((c) => [c.id, c.title])).toEqual([
      ['stale01', '続きのある版'],
      ['fresh01', '天気の話'],
    ]);
  });

  it('a file listing one id twice: the later copy counts against the first', () => {
    const plan = planImport([conversation('twice01', 1), conversation('twice01', 4, { title: '新' })], []);
    expect(plan).toMatchObject({ added: 1, replaced: 0, unchanged: 0, keptNewer: 0 });
    expect(plan.conversations).toEqual([conversation('twice01', 4, { title: '新' })]);
  });

  it('exports the other reply of a comparison with the picked one (JSON and Markdown)', () => {
    const base = conversation('abcdef1', 1);
    const compared: Conversation = {
      ...base,
      messages: [
        base.messages[0],
        {
          ...base.messages[1],
          compared: {
            model: 'org/70b',
            blind: true,
            alternatives: [{ model: 'org/8b', text: '曇りでしょう。', state: 'done' }],
          },
        },
      ],
    };
    const json = JSON.parse(exportConversations([compared]));
    expect(json.conversations[0].messages[1].compared.alternatives[0].text).toBe('曇りでしょう。');
    const markdown = conversationToMarkdown(compared, {
      user: 'あなた',
      assistant: 'Swallow',
      systemPrompt: 'システムプロンプト',
      model: 'モデル',
      alternative: '比較したもう一方の回答',
    });
    expect(markdown).toContain(
      '## Swallow\n\n晴れの予報です。\n\n- モデル: org/70b\n\n### 比較したもう一方の回答 (org/8b)\n\n曇りでしょう。',
    );
  });

  it('exports readable Markdown', () => {
    const markdown = conversationToMarkdown(conversation('abcdef1', 1), {
      user: 'あなた',
      assistant: 'Swallow',
      systemPrompt: 'システムプロンプト',
      model: 'モデル',
    });
    expect(markdown).toContain('# 天気の話');
    expect(markdown).toContain('## あなた\n\n明日の天気は？');
    expect(markdown).toContain('## Swallow\n\n晴れの予報です。');
  });
});
