import { describe, expect, it } from 'vitest';
import { userMessageParts } from '@/lib/client/chat/chat-session';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import { meterInput } from './meter-input';
import { withDraft } from './protocol';

const settings: ChatSettings = {
  model: 'm',
  temperature: 0.6,
  topP: 0.9,
  maxTokens: 700,
  systemPrompt: 'sys',
  presetId: null,
};
const doc = { name: '議事録.txt', size: 10, kind: 'text' as const, text: '本文' };

describe('meterInput', () => {
  it('is the request the send button would make: history, then the draft with its documents', () => {
    const history: ChatMessage[] = [
      { id: '1', role: 'user', parts: userMessageParts('前の質問', [doc]) },
      { id: '2', role: 'assistant', parts: [{ type: 'text', text: '答え' }] },
    ];
    expect(meterInput(history, settings, 'ja', ' 要約して ', [doc], 4096)).toEqual({
      system: 'sys',
      maxTokens: 700,
      contextTokens: 4096,
      // A model the page was not given: counted by bytes; no reasoning control.
      tokenizer: null,
      reasoning: {},
      messages: [
        { role: 'user', content: '前の質問', documents: [{ name: '議事録.txt', text: '本文' }] },
        { role: 'assistant', content: '答え' },
        { role: 'user', content: '要約して', documents: [{ name: '議事録.txt', text: '本文' }] },
      ],
    });
  });

  it('counts an empty next turn when nothing is typed yet', () => {
    expect(meterInput([], settings, 'en', '', [], 8192).messages).toEqual([{ role: 'user', content: '' }]);
  });

  it('with an empty draft, then the draft put in (what a keystroke sends the worker), is the same request', () => {
    const history: ChatMessage[] = [
      { id: '1', role: 'user', parts: userMessageParts('前の質問', [doc]) },
      { id: '2', role: 'assistant', parts: [{ type: 'text', text: '答え' }] },
    ];
    for (const [documents, draft] of [
      [[doc], ' 要約して '],
      [[doc], ''],
      [[], '質問\n'],
      [[], ''],
    ] as const) {
      const base = meterInput(history, settings, 'ja', '', documents, 4096);
      expect(withDraft(base, draft)).toEqual(meterInput(history, settings, 'ja', draft, documents, 4096));
    }
    const first = meterInput([], settings, 'en', '', [], 8192);
    expect(withDraft(first, ' hi ')).toEqual(meterInput([], settings, 'en', ' hi ', [], 8192));
  });
});
