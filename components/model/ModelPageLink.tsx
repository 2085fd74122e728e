import { useTranslations } from 'next-intl';
import { Link } from '@/lib/i18n/navigation';

/** The chat header's way to the model page, named by what it shows (WCAG 2.5.3: voice control finds it by it). */
export function ModelPageLink() {
  const t = useTranslations('model');
  return (
    <Link
      href="/model"
      // No prefetch: the model page's chart code should not load with the chat.
      prefetch={false}
      data-testid="model-page-link"
      className="whitespace-nowrap rounded-lg border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {t('link')}
    </Link>
  );
}
