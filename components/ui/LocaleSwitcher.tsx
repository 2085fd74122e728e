'use client';

import { useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Languages } from 'lucide-react';
import { ICON_PROPS } from '@/components/ui/header-styles';
import { usePathname, useRouter } from '@/lib/i18n/navigation';
import { routing, type Locale } from '@/lib/i18n/routing';

/** Switches language with a client-side navigation, so the chat state survives. */
export function LocaleSwitcher() {
  const t = useTranslations('locale');
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  return (
    <label className="flex min-h-11 w-full items-center gap-3 px-3 text-sm lg:min-h-0 lg:w-auto lg:gap-1 lg:px-0">
      <Languages {...ICON_PROPS} />
      <span className="sr-only">{t('label')}</span>
      <select
        data-testid="locale-switcher"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as Locale;
          // Keep the query: a share link must survive a language switch.
          const href = `${pathname}${window.location.search}`;
          startTransition(() => router.replace(href, { locale: next }));
        }}
        className="min-h-11 flex-1 rounded-lg border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900 lg:min-h-0 lg:flex-none"
      >
        {routing.locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
