'use client';

import { ATTACHMENTS_TOO_LONG_ID, useAttachments } from '@/components/attachments/AttachmentTray';
import { isTooLong } from '@/lib/client/attachments/pending';
import type { ChatMessage } from '@/lib/client/chat/types';
import type { Locale } from '@/lib/shared/i18n/routing';
import { Composer, type ComposerProps } from './Composer';
import { CONTEXT_OVER_ID, ContextMeter } from './ContextMeter';
import { useMeter } from './useMeter';

interface MeteredComposerProps extends Omit<ComposerProps, 'blockedReasonId' | 'footer'> {
  messages: ChatMessage[];
  contextTokens: number;
  locale: Locale;
  /** Without a configured upstream there is no meter (nothing can be sent). */
  metered: boolean;
}

/**
 * The composer with its context meter. The meter follows the draft, so this is what a keystroke
 * re-renders: the conversation above it (ChatApp, MessageList) does not, however long it is.
 * Over the window, or with a document too long, the composer does not send and says why.
 */
export function MeteredComposer({ messages, contextTokens, locale, metered, ...composer }: MeteredComposerProps) {
  // While a reply streams the meter keeps the conversation as it began (useMeter).
  const { measure, current } = useMeter(messages, contextTokens, locale, composer.busy);
  const tooLong = useAttachments().items.some(isTooLong);
  const overBy = measure?.overBy ?? 0;
  return (
    <Composer
      {...composer}
      blockedReasonId={overBy > 0 ? CONTEXT_OVER_ID : tooLong ? ATTACHMENTS_TOO_LONG_ID : undefined}
      footer={metered && <ContextMeter measure={measure} current={current} />}
    />
  );
}
