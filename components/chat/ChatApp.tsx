'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useChat } from '@ai-sdk/react';
import clsx from 'clsx';
import { useLocale, useTranslations } from 'next-intl';
import { ActivePreset } from '@/components/presets/ActivePreset';
import { PresetsButton } from '@/components/presets/PresetsButton';
import { Starters } from '@/components/presets/Starters';
import { SettingsPanel } from '@/components/settings/SettingsPanel';
import { ShareButton } from '@/components/share/ShareButton';
import { ShareLoadedNotice } from '@/components/share/ShareNotices';
import { LocaleSwitcher } from '@/components/ui/LocaleSwitcher';
import type { PublicConfig } from '@/lib/ai/endpoint';
import { getChat, localeStore, startNewChat, stoppedStore, subscribeChat } from '@/lib/chat/chat-session';
import { hydrateSettings } from '@/lib/chat/settings-store';
import { ChatErrorNotice } from './ChatErrorNotice';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { NotConfiguredNotice } from './NotConfiguredNotice';

/** Chat state is rendered at most every 50 ms: long replies stay smooth. */
const RENDER_THROTTLE_MS = 50;

interface ChatAppProps {
  config: PublicConfig;
  /** A notice above the conversation, e.g. why a share link could not be opened. */
  banner?: ReactNode;
}

export function ChatApp({ config, banner }: ChatAppProps) {
  const t = useTranslations();
  const locale = useLocale();
  const chat = useSyncExternalStore(subscribeChat, getChat, getChat);
  const { messages, status, error, sendMessage, regenerate, stop, clearError } = useChat({ chat, experimental_throttle: RENDER_THROTTLE_MS });
  const stopped = useSyncExternalStore(stoppedStore.subscribe, stoppedStore.get, stoppedStore.get);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsToggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => localeStore.set(locale), [locale]);
  useEffect(() => hydrateSettings(config.models), [config.models]);

  const busy = status === 'submitted' || status === 'streaming';
  const lastReply = messages.findLast((m) => m.role === 'assistant');
  const droppedTurns = lastReply?.metadata?.droppedTurns ?? 0;

  function handleStop() {
    const last = messages.at(-1);
    if (last?.role === 'assistant') stoppedStore.set((ids) => new Set(ids).add(last.id));
    void stop();
  }

  function handleRetry() {
    clearError();
    void regenerate();
  }

  return (
    <div className="flex h-dvh flex-col">
      <a href="#composer" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-zinc-900">
        {t('app.skipToComposer')}
      </a>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h1 className="whitespace-nowrap text-base font-bold">{t('app.name')}</h1>
        <ActivePreset />
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          <PresetsButton />
          <ShareButton />
          <button
            type="button"
            data-testid="new-chat"
            onClick={startNewChat}
            className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('chat.newChat')}
          </button>
          <button
            ref={settingsToggleRef}
            type="button"
            aria-expanded={settingsOpen}
            aria-controls="settings-panel"
            aria-label={settingsOpen ? t('settings.close') : t('settings.open')}
            onClick={() => setSettingsOpen((open) => !open)}
            className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('settings.title')}
          </button>
          <LocaleSwitcher />
        </div>
      </header>

      <div className="relative flex min-h-0 flex-1">
        <aside
          id="settings-panel"
          aria-label={t('settings.title')}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !settingsOpen) return;
            setSettingsOpen(false);
            settingsToggleRef.current?.focus();
          }}
          className={clsx(
            'w-full shrink-0 overflow-y-auto border-zinc-200 bg-white p-4 md:static md:block md:w-80 md:border-r dark:border-zinc-800 dark:bg-zinc-950',
            settingsOpen ? 'absolute inset-0 z-20 block' : 'hidden',
          )}
        >
          <h2 className="mb-4 text-sm font-bold">{t('settings.title')}</h2>
          <SettingsPanel models={config.models} />
        </aside>

        <main className="flex min-w-0 flex-1 flex-col">
          <div data-scroll-container className="flex-1 overflow-y-auto">
            <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
              {banner}
              <ShareLoadedNotice />
              {!config.configured && <NotConfiguredNotice id="not-configured" />}
              {messages.length === 0 && (
                <div className="py-10 text-center">
                  <h2 className="text-2xl font-bold">{t('chat.emptyTitle')}</h2>
                  <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('chat.emptyHint')}</p>
                  <div className="mt-6">
                    <Starters />
                  </div>
                </div>
              )}
              {droppedTurns > 0 && (
                <p data-testid="context-notice" role="note" className="rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">
                  {t('chat.contextNotice', { count: droppedTurns })}
                </p>
              )}
              <MessageList messages={messages} chatStatus={status} stopped={stopped} onRegenerate={() => void regenerate()} />
              {error && status === 'error' && <ChatErrorNotice error={error} onRetry={handleRetry} />}
            </div>
          </div>
          <div className="mx-auto w-full max-w-3xl px-4 pb-4">
            <Composer
              busy={busy}
              disabled={!config.configured}
              disabledReasonId={config.configured ? undefined : 'not-configured'}
              onSend={(text) => void sendMessage({ text })}
              onStop={handleStop}
            />
          </div>
        </main>
      </div>
    </div>
  );
}
