'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { Monitor, Moon, Sun } from 'lucide-react';
import { ICON_PROPS } from '@/components/ui/header-styles';
import { parseTheme, THEMES, themeStore } from '@/lib/theme/theme';

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/** Light, dark or the system's theme; remembered in this browser. */
export function ThemeSwitcher() {
  const t = useTranslations('theme');
  // The server cannot know the choice: it renders "system" and the select follows after hydration.
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get, () => 'system' as const);
  const Icon = ICONS[theme];
  return (
    <label className="flex min-h-11 w-full items-center gap-3 px-3 text-sm lg:min-h-0 lg:w-auto lg:gap-1 lg:px-0">
      <Icon {...ICON_PROPS} />
      <span className="sr-only">{t('label')}</span>
      <select
        data-testid="theme-select"
        value={theme}
        onChange={(e) => themeStore.set(parseTheme(e.target.value))}
        className="min-h-11 flex-1 rounded-lg border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900 lg:min-h-0 lg:flex-none"
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {t(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
