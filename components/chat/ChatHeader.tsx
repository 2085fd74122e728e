'use client';

import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
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
import { IconButton, ICON_PROPS } from '@/components/ui/Button';
import { HeaderButton } from '@/components/ui/HeaderButton';
import { Hydrate } from '@/components/ui/Hydrate';
import { LabelFromContext } from '@/components/ui/header-place';
import { HeaderActions } from './HeaderMenu';

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

/**
 * One row on every screen: history, the app's name (never cut off), the active preset when it fits
 * whole, new chat, then the actions by priority (HeaderActions) with the rest in the "…" menu.
 */
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
    // A fixed height and layout containment: what changes inside the header (its actions, which
    // React's server renderer may write after the page and move in once it has been painted) is
    // laid out alone, not with the whole page (issue #35 item 5). z-30: its menu stays above the page.
    <header
      data-testid="chat-header"
      className="relative z-30 flex h-[calc(3.5rem+env(safe-area-inset-top))] shrink-0 items-center gap-1 [contain:size_layout_style] border-b border-zinc-200 pl-[max(0.5rem,env(safe-area-inset-left))] pr-[max(0.5rem,env(safe-area-inset-right))] pt-[env(safe-area-inset-top)] dark:border-zinc-800 lg:gap-2 lg:px-4"
    >
      <IconButton
        ref={historyToggleRef}
        variant="header"
        data-testid="history-toggle"
        aria-expanded={historyOpen}
        aria-controls="history-panel"
        label={historyLabel}
        icon={<PanelLeft {...ICON_PROPS} />}
        onClick={onToggleHistory}
        className={clsx(!historyCollapsed && 'lg:hidden')}
      />
      {/* The app's name is never cut off: it does not shrink; the actions go into the menu first. */}
      <h1 data-testid="app-name" className="shrink-0 whitespace-nowrap px-1 text-base font-bold">
        {t('app.name')}
      </h1>
      <FitOrHide>
        <ActivePreset />
      </FitOrHide>
      {/* Always in the row, labelled from 1280 px. */}
      <LabelFromContext value="xl">
        <HeaderButton
          data-testid="new-chat"
          label={t('chat.newChat')}
          icon={<SquarePen {...ICON_PROPS} />}
          onClick={onNewChat}
        />
      </LabelFromContext>
      {/* The actions (most of them in the "…" menu on a phone) hydrate after the rest of the shell. */}
      <Hydrate>
        <HeaderActions
          actions={[
            // Presets and share are main actions: in the row from 640 px (icons), labelled from 1024 px.
            { key: 'presets', rowFrom: 'sm', labelFrom: 'lg', node: <PresetsButton /> },
            { key: 'compare', rowFrom: 'lg', node: <CompareToggle models={models} /> },
            { key: 'share', rowFrom: 'sm', labelFrom: 'lg', node: <ShareButton /> },
            {
              key: 'settings',
              goneFrom: 'md',
              node: (
                <HeaderButton
                  ref={settingsToggleRef}
                  data-testid="settings-toggle"
                  aria-expanded={settingsOpen}
                  aria-controls="settings-panel"
                  aria-label={settingsOpen ? t('settings.close') : t('settings.open')}
                  label={t('settings.title')}
                  title={undefined}
                  icon={<SlidersHorizontal {...ICON_PROPS} />}
                  onClick={onToggleSettings}
                />
              ),
            },
            { key: 'model', rowFrom: '2xl', node: <ModelPageLink /> },
            { key: 'code', rowFrom: '2xl', node: <ViewCodeButton /> },
            { key: 'theme', rowFrom: 'xl', node: <ThemeSwitcher /> },
            { key: 'locale', rowFrom: 'xl', node: <LocaleSwitcher /> },
          ]}
        />
      </Hydrate>
    </header>
  );
}

/**
 * Holds the active preset's chip between the name and the actions, and takes the space left
 * there. The chip is never cut off: when it does not fit whole, it is hidden (the settings panel
 * names the preset too) rather than shortened to "プリ…".
 */
function FitOrHide({ children }: { children: ReactNode }) {
  const slotRef = useRef<HTMLDivElement>(null);
  const [fits, setFits] = useState(true);
  useLayoutEffect(() => {
    const slot = slotRef.current;
    if (!slot) return;
    const measure = () => {
      const chip = slot.firstElementChild as HTMLElement | null;
      setFits(!chip || chip.offsetWidth <= slot.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(slot);
    // A chip put in (after hydration, once the presets are read) is measured by the observer's
    // first report, which comes after the browser's own layout and before the paint: measuring it
    // here forced a layout of the whole page in the middle of the first load (issue #35).
    const mutations = new MutationObserver(() => {
      const chip = slot.firstElementChild;
      if (chip) observer.observe(chip);
      else setFits(true);
    });
    mutations.observe(slot, { childList: true });
    if (slot.firstElementChild) observer.observe(slot.firstElementChild);
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, []);
  return (
    <div
      ref={slotRef}
      data-testid="active-preset-slot"
      data-fits={fits}
      className={clsx('flex min-w-0 flex-1 overflow-hidden', !fits && 'invisible')}
    >
      {children}
    </div>
  );
}
