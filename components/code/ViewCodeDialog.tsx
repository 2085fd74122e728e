'use client';

import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { draftStore, getChat, settingsStore } from '@/lib/client/chat/chat-session';
import { buildSnippets } from '@/lib/client/runtime/code/snippets';
import { codeTarget } from '@/lib/shared/model/profile';
import { countDroppedTurns, type BudgetAnswer } from '@/lib/client/context/dropped-turns';
import { dropOldestTurns } from '@/lib/shared/ai/turns';
import { snippetChatRequest, toUpstreamRequest } from '@/lib/client/runtime/code/upstream-request';
import type { Locale } from '@/lib/shared/i18n/routing';
import type { ChatMessage, ChatSettings } from '@/lib/client/chat/types';
import { Dialog } from '@/components/ui/Dialog';
import { SnippetTabs } from './SnippetTabs';

/** A request other than the open conversation's next one: a compare column's, as it was sent. */
export interface CodeSource {
  settings: ChatSettings;
  /** The turns sent, ending with the user's message. */
  messages: ChatMessage[];
}

/**
 * The current conversation, system prompt, model and parameters as ready-to-run code; or, when
 * opened from a compare column, that column's request.
 */
export function ViewCodeDialog({
  open,
  onClose,
  source,
}: {
  open: boolean;
  onClose: () => void;
  source?: () => CodeSource;
}) {
  const t = useTranslations('viewCode');
  const locale = useLocale() as Locale;
  const ids = useId();
  const liveSettings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const liveDraft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const [answer, setAnswer] = useState<BudgetAnswer | null>(null);
  // The conversation (or the column's request) as it was when the dialog opened.
  const [opened, setOpened] = useState(() => source?.() ?? null);
  const [liveMessages, setLiveMessages] = useState(() => getChat().messages);
  const settings = opened?.settings ?? liveSettings;
  const messages = opened?.messages ?? liveMessages;
  const draft = opened ? '' : liveDraft;

  const placeholder = t('placeholder');
  const chatRequest = useMemo(
    () => snippetChatRequest({ messages, settings, locale, draft, placeholder }),
    [messages, settings, locale, draft, placeholder],
  );

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void countDroppedTurns(chatRequest).then((value) => !cancelled && setAnswer(value));
    return () => {
      cancelled = true;
    };
  }, [open, chatRequest]);

  // Snippets wait for the count of this body, so they never show turns the server would drop.
  const current = answer?.for === chatRequest ? answer : null;
  const target = current ? codeTarget() : null;
  const droppedTurns = current?.droppedTurns ?? 0;
  const request = useMemo(
    () => toUpstreamRequest({ ...chatRequest, messages: dropOldestTurns(chatRequest.messages, droppedTurns) }),
    [chatRequest, droppedTurns],
  );
  const snippets = useMemo(() => (target ? buildSnippets(request, target) : null), [request, target]);
  const usesPlaceholder = request.messages.at(-1)?.content === placeholder && !draft.trim();

  return (
    <Dialog
      open={open}
      onClose={onClose}
      // Each opening shows the conversation (or the column's request) as it is then.
      onOpen={() => {
        setOpened(source?.() ?? null);
        setLiveMessages(getChat().messages);
      }}
      title={t('title')}
      closeLabel={t('close')}
      layout="lg"
      aria-describedby={`${ids}-intro`}
      data-testid="view-code-dialog"
    >
      <div id={`${ids}-intro`} className="flex flex-col gap-1 text-sm text-zinc-600 dark:text-zinc-300">
        <p>{t('intro', { count: request.messages.length })}</p>
        <p data-testid="view-code-key-note">{t('keyNote', { env: target?.apiKeyEnv ?? 'NVIDIA_API_KEY' })}</p>
        {target && !target.baseURL && (
          <p data-testid="view-code-url-note">{t('urlNote', { env: target.baseURLEnv })}</p>
        )}
        {droppedTurns > 0 && <p data-testid="view-code-context-note">{t('contextNote', { count: droppedTurns })}</p>}
        {usesPlaceholder && <p>{t('placeholderNote')}</p>}
      </div>
      {snippets ? <SnippetTabs snippets={snippets} /> : <p role="status">{t('loading')}</p>}
    </Dialog>
  );
}
