import { useTranslations } from 'next-intl';
import { Info } from 'lucide-react';
import { headerItemClass, ICON_PROPS } from '@/components/ui/header-styles';
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
      className={headerItemClass}
    >
      <Info {...ICON_PROPS} />
      {t('link')}
    </Link>
  );
}
