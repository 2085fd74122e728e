'use client';

import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslations } from 'next-intl';
import { Code } from 'lucide-react';
import { headerItemClass, ICON_PROPS } from '@/components/ui/header-styles';
import { returnFocus } from '@/lib/browser/focus';

// The dialog and the snippet builders load on first open, not with the chat.
const ViewCodeDialog = dynamic(() => import('./ViewCodeDialog').then((m) => m.ViewCodeDialog), { ssr: false });

export function ViewCodeButton() {
  const t = useTranslations('viewCode');
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid="view-code"
        aria-haspopup="dialog"
        aria-label={t('openLabel')}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        className={headerItemClass}
      >
        <Code {...ICON_PROPS} />
        {t('open')}
      </button>
      {/* Into <body>: on phones the button is in the overflow menu, hidden while the dialog is open. */}
      {loaded &&
        createPortal(
          <ViewCodeDialog
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
