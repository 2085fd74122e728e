'use client';

import { useTranslations } from 'next-intl';
import { Info } from 'lucide-react';
import { ICON_PROPS } from '@/components/ui/Button';
import { useHeaderItemClass, useHeaderLabelClass } from '@/components/ui/header-place';
import { Link } from '@/lib/shared/i18n/navigation';

/** The chat header's way to the model page, named by what it shows (WCAG 2.5.3: voice control finds it by it). */
export function ModelPageLink() {
  const t = useTranslations('model');
  const itemClass = useHeaderItemClass();
  const labelClass = useHeaderLabelClass();
  return (
    <Link
      href="/model"
      // No prefetch: the model page's chart code should not load with the chat.
      prefetch={false}
      data-testid="model-page-link"
      title={t('link')}
      className={itemClass}
    >
      <Info {...ICON_PROPS} />
      <span className={labelClass}>{t('link')}</span>
    </Link>
  );
}
