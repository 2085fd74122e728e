'use client';

import { lazy } from 'react';
import { useTranslations } from 'next-intl';
import { Code } from 'lucide-react';
import { DialogTrigger } from '@/components/ui/DialogTrigger';
import { ICON_PROPS } from '@/components/ui/Button';
import type { CodeSource } from './ViewCodeDialog';

// The dialog and the snippet builders are not in the chat's first load: fetched when the button is hovered or focused.
const loadViewCodeDialog = () => import('./ViewCodeDialog');
const ViewCodeDialog = lazy(() => loadViewCodeDialog().then((m) => ({ default: m.ViewCodeDialog })));

interface ViewCodeButtonProps {
  /** Set on a compare column: the dialog shows that column's request. */
  source?: () => CodeSource;
  testId?: string;
  /** In a compare column rather than the header. */
  inline?: boolean;
  label?: string;
  ariaLabel?: string;
}

export function ViewCodeButton({ source, testId = 'view-code', inline, label, ariaLabel }: ViewCodeButtonProps) {
  const t = useTranslations('viewCode');
  return (
    <DialogTrigger
      testId={testId}
      label={label ?? t('open')}
      ariaLabel={ariaLabel ?? t('openLabel')}
      icon={<Code {...ICON_PROPS} />}
      dialog={(props) => <ViewCodeDialog {...props} source={source} />}
      preload={loadViewCodeDialog}
      inline={inline}
    />
  );
}
