'use client';

import { useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Languages } from 'lucide-react';
import clsx from 'clsx';
import { ICON_PROPS } from '@/components/ui/Button';
import { useHeaderPlace } from '@/components/ui/header-place';
import { usePathname, useRouter } from '@/lib/shared/i18n/navigation';
import { routing, type Locale } from '@/lib/shared/i18n/routing';

/**
 * Switches language with a client-side navigation, so the chat state survives. A native select
 * (each language named in itself); in a header row compact, in the overflow menu a full row.
 */
export function LocaleSwitcher() {
  const t = useTranslations('locale');
  const place = useHeaderPlace();
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const inMenu = place === 'menu';

  return (
    <label className={clsx('flex shrink-0 items-center text-sm', inMenu ? 'min-h-11 w-full gap-3 px-3' : 'gap-1.5')}>
      <Languages {...ICON_PROPS} />
      <span className={inMenu ? 'flex-1' : 'sr-only'}>{t('label')}</span>
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
        className={clsx(
          'h-11 rounded-lg border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900',
          !inMenu && 'lg:h-9 pointer-coarse:h-11',
        )}
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
