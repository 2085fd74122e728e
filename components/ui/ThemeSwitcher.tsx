'use client';

import { useSyncExternalStore } from 'react';
import clsx from 'clsx';
import { useTranslations } from 'next-intl';
import { Monitor, Moon, Sun } from 'lucide-react';
import { ICON_PROPS } from '@/components/ui/Button';
import { useHeaderPlace } from '@/components/ui/header-place';
import { parseTheme, THEMES, themeStore } from '@/lib/shared/ui/theme';

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/**
 * Light, dark or the system's theme; remembered in this browser. In the header row a square icon
 * button (sun, moon, screen) that opens the choices as the system's own menu; in the overflow
 * menu a row naming the theme and showing the choice. Either way a native select: the keyboard,
 * screen readers ("テーマ, ダーク") and touch pickers work as everywhere.
 */
export function ThemeSwitcher() {
  const t = useTranslations('theme');
  const place = useHeaderPlace();
  // The server cannot know the choice: it renders "system" and the select follows after hydration.
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get, () => 'system' as const);
  const Icon = ICONS[theme];
  const current = t('current', { theme: t(theme) });
  const options = THEMES.map((option) => (
    <option key={option} value={option}>
      {t(option)}
    </option>
  ));
  // The one control, in either place: a labelled select in the menu, or invisible over the icon.
  const select = (className: string) => (
    <select
      data-testid="theme-select"
      value={theme}
      onChange={(e) => themeStore.set(parseTheme(e.target.value))}
      className={className}
    >
      {options}
    </select>
  );

  if (place === 'menu') {
    return (
      <label className="flex min-h-11 w-full items-center gap-3 whitespace-nowrap px-3 text-sm [&>svg]:shrink-0">
        <Icon {...ICON_PROPS} />
        <span className="flex-1">{t('label')}</span>
        {select('min-h-11 rounded-lg border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900')}
      </label>
    );
  }
  return (
    <label
      title={current}
      className={clsx(
        'relative inline-flex h-11 w-11 shrink-0 cursor-pointer items-center justify-center rounded-lg hover:bg-zinc-100 dark:hover:bg-zinc-800',
        'has-[select:focus-visible]:outline-2 has-[select:focus-visible]:outline-brand-500',
        'lg:h-9 lg:w-9 lg:border lg:border-zinc-300 lg:dark:border-zinc-700 pointer-coarse:h-11 pointer-coarse:w-11',
      )}
    >
      <Icon {...ICON_PROPS} />
      <span className="sr-only">{t('label')}</span>
      {/* Over the icon, transparent: a click opens the native choices; the select is the control. */}
      {select('absolute inset-0 cursor-pointer appearance-none opacity-0')}
    </label>
  );
}
