'use client';

import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslations } from 'next-intl';
import { Code } from 'lucide-react';
import { ICON_PROPS } from '@/components/ui/header-styles';
import { useHeaderItemClass, useHeaderLabelClass } from '@/components/ui/header-place';
import { returnFocus } from '@/lib/client/browser/focus';
import type { CodeSource } from './ViewCodeDialog';

// The dialog and the snippet builders load on first open, not with the chat.
const ViewCodeDialog = dynamic(() => import('./ViewCodeDialog').then((m) => m.ViewCodeDialog), { ssr: false });

interface ViewCodeButtonProps {
  /** Set on a compare column: the dialog shows that column's request. */
  source?: () => CodeSource;
  testId?: string;
  className?: string;
  label?: string;
  ariaLabel?: string;
}

export function ViewCodeButton({ source, testId = 'view-code', className, label, ariaLabel }: ViewCodeButtonProps) {
  const t = useTranslations('viewCode');
  const itemClass = useHeaderItemClass();
  const labelClass = useHeaderLabelClass();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        aria-haspopup="dialog"
        aria-label={ariaLabel ?? t('openLabel')}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        title={label ?? t('open')}
        className={className ?? itemClass}
      >
        <Code {...ICON_PROPS} />
        <span className={className ? undefined : labelClass}>{label ?? t('open')}</span>
      </button>
      {/* Into <body>: on phones the button is in the overflow menu, hidden while the dialog is open. */}
      {loaded &&
        createPortal(
          <ViewCodeDialog
            source={source}
            open={open}
            onClose={() => {
              setOpen(false);
              returnFocus(buttonRef.current);
            }}
          />,
          document.body,
        )}
    </>
  );
}
