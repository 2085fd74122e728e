// Before the AI SDK's modules build their schemas: no `new Function` probe under the CSP.
import '@/lib/shared/validation/zod-jitless';
import { DefaultChatTransport } from 'ai';
import type { ChatRuntime } from '../../chat/lazy-chat';
import { ObservableChat } from './observable-chat';
import type { ChatMessage } from '../../chat/types';

/**
 * The AI SDK's chat (request, UI message stream parsing, zod) — loaded after the first paint by
 * chat-runtime-loader.ts, never imported statically by the page.
 */
export const chatRuntime: ChatRuntime = {
  createChat: ({ id, messages, requestBody, onRequestStarted, onFinish }) =>
    new ObservableChat<ChatMessage>({
      id,
      messages,
      onFinish,
      transport: new DefaultChatTransport<ChatMessage>({
        api: '/api/chat',
        prepareSendMessagesRequest: ({ messages }) => ({ body: requestBody(messages) }),
        fetch: (input, init) => {
          const response = globalThis.fetch(input, init);
          onRequestStarted?.();
          return response;
        },
      }),
    }),
};
