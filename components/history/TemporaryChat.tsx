'use client';

import { useId, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { Switch } from '@/components/ui/Switch';
import { getSession, temporaryStore } from '@/lib/client/chat/chat-session';
import { conversationFrom, setTemporaryChat } from '@/lib/client/chat/history';
import { useRouter } from '@/lib/shared/i18n/navigation';
import { useConversationExport } from './useConversationExport';

const OFF = () => false;

/**
 * Temporary chat (issue #37): the switch on an empty chat, and while it is on a banner that says
 * what it means, with the switch (off keeps the conversation after all) and export, the only way
 * to keep a copy of a temporary conversation.
 */
export function TemporaryChat({ hasMessages }: { hasMessages: boolean }) {
  const t = useTranslations('chat.temporary');
  const id = useId();
  const router = useRouter();
  const temporary = useSyncExternalStore(temporaryStore.subscribe, temporaryStore.get, OFF);
  const exportOne = useConversationExport();
  if (!temporary && hasMessages) return null;

  const toggle = (on: boolean) => {
    if (setTemporaryChat(on) === 'new') router.push('/');
  };
  const toggleSwitch = (
    <Switch
      testId="temporary-chat"
      checked={temporary}
      onChange={toggle}
      label={t('label')}
      describedBy={`${id}-hint`}
    />
  );

  if (!temporary) {
    return (
      <div className="flex flex-col items-end gap-0.5 text-right">
        {toggleSwitch}
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('hint')}
        </p>
      </div>
    );
  }
  return (
    <Notice as="section" size="lg" tone="warning" data-testid="temporary-banner" aria-label={t('label')}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        {toggleSwitch}
        {hasMessages && (
          <div className="flex flex-wrap gap-2">
            <Button
              size="xs"
              data-testid="temporary-export-markdown"
              onClick={() => exportOne(conversationFrom(getSession()), 'markdown')}
            >
              {t('exportMarkdown')}
            </Button>
            <Button
              size="xs"
              data-testid="temporary-export-json"
              onClick={() => exportOne(conversationFrom(getSession()), 'json')}
            >
              {t('exportJson')}
            </Button>
          </div>
        )}
      </div>
      <p id={`${id}-hint`} className="mt-2">
        {t('banner')}
      </p>
      {hasMessages && <p className="mt-1 text-xs opacity-80">{t('keepHint')}</p>}
    </Notice>
  );
}
