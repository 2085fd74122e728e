'use client';

import type { RefObject } from 'react';
import { useTranslations } from 'next-intl';
import { ActivePreset } from '@/components/presets/ActivePreset';
import { PresetsButton } from '@/components/presets/PresetsButton';
import { ShareButton } from '@/components/share/ShareButton';
import { ViewCodeButton } from '@/components/code/ViewCodeButton';
import { ModelPageLink } from '@/components/model/ModelPageLink';
import { LocaleSwitcher } from '@/components/ui/LocaleSwitcher';

const buttonClass =
  'whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

interface ChatHeaderProps {
  onNewChat: () => void;
  historyOpen: boolean;
  onToggleHistory: () => void;
  historyToggleRef: RefObject<HTMLButtonElement | null>;
  settingsOpen: boolean;
  onToggleSettings: () => void;
  settingsToggleRef: RefObject<HTMLButtonElement | null>;
}

export function ChatHeader(props: ChatHeaderProps) {
  const {
    onNewChat,
    historyOpen,
    onToggleHistory,
    historyToggleRef,
    settingsOpen,
    onToggleSettings,
    settingsToggleRef,
  } = props;
  const t = useTranslations();
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <button
        ref={historyToggleRef}
        type="button"
        aria-expanded={historyOpen}
        aria-controls="history-panel"
        aria-label={historyOpen ? t('history.close') : t('history.openLabel')}
        onClick={onToggleHistory}
        className={`${buttonClass} lg:hidden`}
      >
        {t('history.open')}
      </button>
      <h1 className="whitespace-nowrap text-base font-bold">{t('app.name')}</h1>
      <ActivePreset />
      <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
        <PresetsButton />
        <ShareButton />
        <button type="button" data-testid="new-chat" onClick={onNewChat} className={buttonClass}>
          {t('chat.newChat')}
        </button>
        <button
          ref={settingsToggleRef}
          type="button"
          aria-expanded={settingsOpen}
          aria-controls="settings-panel"
          aria-label={settingsOpen ? t('settings.close') : t('settings.open')}
          onClick={onToggleSettings}
          className={`${buttonClass} md:hidden`}
        >
          {t('settings.title')}
        </button>
        <ModelPageLink />
        <ViewCodeButton />
        <LocaleSwitcher />
      </div>
    </header>
  );
}
