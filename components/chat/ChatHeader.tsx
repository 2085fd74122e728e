'use client';

import type { RefObject } from 'react';
import clsx from 'clsx';
import { PanelLeft, SlidersHorizontal, SquarePen } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { CompareToggle } from '@/components/compare/CompareToggle';
import { ActivePreset } from '@/components/presets/ActivePreset';
import { PresetsButton } from '@/components/presets/PresetsButton';
import { ShareButton } from '@/components/share/ShareButton';
import { ViewCodeButton } from '@/components/code/ViewCodeButton';
import { ModelPageLink } from '@/components/model/ModelPageLink';
import { LocaleSwitcher } from '@/components/ui/LocaleSwitcher';
import { ThemeSwitcher } from '@/components/ui/ThemeSwitcher';
import { headerButtonClass, headerItemClass, ICON_PROPS } from '@/components/ui/header-styles';
import { HeaderMenu } from './HeaderMenu';

interface ChatHeaderProps {
  models: string[];
  onNewChat: () => void;
  historyOpen: boolean;
  /** From `lg` up: the history column is hidden, and this button shows it again. */
  historyCollapsed: boolean;
  onToggleHistory: () => void;
  historyToggleRef: RefObject<HTMLButtonElement | null>;
  settingsOpen: boolean;
  onToggleSettings: () => void;
  settingsToggleRef: RefObject<HTMLButtonElement | null>;
}

/** One row on every screen: history, the name, new chat and the menu on phones; everything from `lg` up. */
export function ChatHeader(props: ChatHeaderProps) {
  const {
    models,
    onNewChat,
    historyOpen,
    historyCollapsed,
    onToggleHistory,
    historyToggleRef,
    settingsOpen,
    onToggleSettings,
    settingsToggleRef,
  } = props;
  const t = useTranslations();
  const historyLabel = historyOpen ? t('history.close') : t('history.openLabel');
  return (
    <header
      data-testid="chat-header"
      className="relative flex min-h-14 shrink-0 items-center gap-1 border-b border-zinc-200 pl-[max(0.5rem,env(safe-area-inset-left))] pr-[max(0.5rem,env(safe-area-inset-right))] pt-[env(safe-area-inset-top)] dark:border-zinc-800 lg:gap-3 lg:px-4"
    >
      <button
        ref={historyToggleRef}
        type="button"
        data-testid="history-toggle"
        aria-expanded={historyOpen}
        aria-controls="history-panel"
        aria-label={historyLabel}
        title={historyLabel}
        onClick={onToggleHistory}
        className={clsx(headerButtonClass, !historyCollapsed && 'lg:hidden')}
      >
        <PanelLeft {...ICON_PROPS} />
      </button>
      <h1 className="min-w-0 truncate px-1 text-base font-bold">{t('app.name')}</h1>
      <ActivePreset />
      <div className="ml-auto flex items-center gap-1 lg:gap-2">
        <button
          type="button"
          data-testid="new-chat"
          title={t('chat.newChat')}
          onClick={onNewChat}
          className={headerButtonClass}
        >
          <SquarePen {...ICON_PROPS} />
          <span className="sr-only lg:not-sr-only">{t('chat.newChat')}</span>
        </button>
        <HeaderMenu>
          <PresetsButton />
          <CompareToggle models={models} />
          <ShareButton />
          <button
            ref={settingsToggleRef}
            type="button"
            data-testid="settings-toggle"
            aria-expanded={settingsOpen}
            aria-controls="settings-panel"
            aria-label={settingsOpen ? t('settings.close') : t('settings.open')}
            onClick={onToggleSettings}
            className={clsx(headerItemClass, 'md:hidden')}
          >
            <SlidersHorizontal {...ICON_PROPS} />
            {t('settings.title')}
          </button>
          <ModelPageLink />
          <ViewCodeButton />
          <ThemeSwitcher />
          <LocaleSwitcher />
        </HeaderMenu>
      </div>
    </header>
  );
}
