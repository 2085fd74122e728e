import type { ChatRuntime, ChatRuntimeSource } from './lazy-chat';

let runtime: ChatRuntime | null = null;
let loading: Promise<ChatRuntime> | null = null;

/** The chat runtime (chat-runtime.ts), fetched on first use and kept for the page's life. */
export const chatRuntimeSource: ChatRuntimeSource = {
  loaded: () => runtime,
  load() {
    loading ??= import('../runtime/chat/chat-runtime').then(
      (module) => (runtime = module.chatRuntime),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  },
};

/** Starts loading the chat runtime now (call once the page is up); a failure is retried on send. */
export function preloadChatRuntime(): void {
  chatRuntimeSource.load().catch(() => undefined);
}
