import { Suspense, type ReactNode } from 'react';
import { HistorySidebar } from '@/components/history/HistorySidebar';
import { Starters } from '@/components/presets/Starters';
import { SettingsPanel } from '@/components/settings/SettingsPanel';
import { ShortcutsButton } from '@/components/shortcuts/ShortcutsButton';
import { ShortcutsHost } from '@/components/shortcuts/ShortcutsHost';
import type { PublicConfig } from '@/lib/server/ai/upstream';
import type { PublicVoiceConfig } from '@/lib/server/speech/transcription';
import { ChatApp } from './ChatApp';

/**
 * The chat's pages (/, /c/[id], a share link that failed), rendered on the server. `ChatApp` is in
 * its own Suspense boundary: React hydrates the layout (providers, theme) first and the chat after
 * it, as separate pieces of work. The parts `ChatApp` hydrates later (the side panels' contents, the
 * starters, the shortcuts) are given to it as elements made here, each its own client module: the
 * browser loads their code with the page, but runs it when their part is hydrated, not with
 * `ChatApp`'s (issue #35 item 5; docs/architecture.md).
 */
export function ChatPage(props: {
  config: PublicConfig;
  voice?: PublicVoiceConfig;
  banner?: ReactNode;
  conversationId?: string;
}) {
  const { config } = props;
  return (
    <Suspense>
      <ChatApp
        {...props}
        parts={{
          history: <HistorySidebar />,
          settings: (
            <>
              <SettingsPanel models={config.models} modelTitles={config.modelTitles} />
              <ShortcutsButton />
            </>
          ),
          starters: <Starters />,
          shortcuts: <ShortcutsHost />,
        }}
      />
    </Suspense>
  );
}
