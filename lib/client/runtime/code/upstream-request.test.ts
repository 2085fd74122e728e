import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import { dropOldestTurns } from '@/lib/shared/ai/turns';
import {
  snippetChatRequest,
  toUpstreamRequest,
  type SnippetRequestInput,
  type UpstreamChatRequest,
} from './upstream-request';

/** What the view-code dialog shows: the upstream request without the turns the server drops. */
function snippetRequest(input: SnippetRequestInput, droppedTurns = 0): UpstreamChatRequest {
  const request = snippetChatRequest(input);
  return toUpstreamRequest({ ...request, messages: dropOldestTurns(request.messages, droppedTurns) });
}

const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
const settings: ChatSettings = {
  model: MODEL,
  temperature: 0.35,
  topP: 0.8,
  maxTokens: 700,
  systemPrompt: '  簡潔に答えて。 ',
  presetId: null,
};

function message(role: 'user' | 'assistant', text: string, id = `${role}-${text}`): ChatMessage {
  return { id, role, parts: [{ type: 'text', text }] };
}

describe('toUpstreamRequest', () => {
  it('puts the trimmed system prompt first and adds stop, stream and usage like the AI SDK', () => {
    const request = toUpstreamRequest({
      model: MODEL,
      system: ' sys ',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
    });
    expect(request).toEqual({
      model: MODEL,
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'hi' },
      ],
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
      stop: ['<|eot_id|>'],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves an empty system prompt out, as the app does', () => {
    const request = toUpstreamRequest({
      model: MODEL,
      system: '   ',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0,
      top_p: 1,
      max_tokens: 1,
    });
    expect(request.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });
});

describe('snippetRequest', () => {
  const history = [message('user', 'こんにちは'), message('assistant', 'こんにちは！ご用件は？ ')];

  it('sends the draft, trimmed, as the next user message after the conversation', () => {
    const request = snippetRequest({
      messages: history,
      settings,
      locale: 'ja',
      draft: '  東京の天気は？\n',
      placeholder: '…',
    });
    expect(request.messages).toEqual([
      { role: 'system', content: '簡潔に答えて。' },
      { role: 'user', content: 'こんにちは' },
      { role: 'assistant', content: 'こんにちは！ご用件は？ ' },
      { role: 'user', content: '東京の天気は？' },
    ]);
    expect(request).toMatchObject({ model: MODEL, temperature: 0.35, top_p: 0.8, max_tokens: 700 });
  });

  it('leaves out the oldest turns the server would drop, keeping the system prompt and the newest turn', () => {
    const long = [
      message('user', '一'),
      message('assistant', '一の答え'),
      message('user', '二'),
      message('assistant', '二の答え'),
    ];
    const request = snippetRequest({ messages: long, settings, locale: 'ja', draft: '三', placeholder: '…' }, 2);
    expect(request.messages).toEqual([
      { role: 'system', content: '簡潔に答えて。' },
      { role: 'user', content: '三' },
    ]);
    expect(
      snippetRequest({ messages: long, settings, locale: 'ja', draft: '三', placeholder: '…' }, 1).messages.map(
        (m) => m.content,
      ),
    ).toEqual(['簡潔に答えて。', '二', '二の答え', '三']);
  });

  it('uses the placeholder when there is no draft and the model spoke last', () => {
    const request = snippetRequest({
      messages: history,
      settings,
      locale: 'ja',
      draft: '  ',
      placeholder: 'ここに質問',
    });
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'ここに質問' });
  });

  it('repeats the last request when the user spoke last and there is no draft (a retry)', () => {
    const request = snippetRequest({
      messages: [message('user', '  もう一度 ')],
      settings,
      locale: 'ja',
      draft: '',
      placeholder: 'ここに質問',
    });
    expect(request.messages.slice(1)).toEqual([{ role: 'user', content: 'もう一度' }]);
  });

  it('uses the default system prompt of the language when none was typed', () => {
    const defaults = { ...settings, systemPrompt: null, presetId: null };
    expect(
      snippetRequest({ messages: [], settings: defaults, locale: 'ja', draft: 'a', placeholder: '' }).messages[0],
    ).toEqual({
      role: 'system',
      content: 'あなたは誠実で優秀な日本人のアシスタントです。',
    });
    expect(
      snippetRequest({ messages: [], settings: defaults, locale: 'en', draft: 'a', placeholder: '' }).messages[0]
        .content,
    ).toBe('You are a helpful, honest assistant, fluent in both Japanese and English.');
  });
});
