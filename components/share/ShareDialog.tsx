'use client';

import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, type DialogOwnerProps } from '@/components/ui/Dialog';
import { Notice } from '@/components/ui/Notice';
import { attachmentsStore } from '@/lib/client/attachments/pending';
import { draftStore, getChat, messageDocuments, settingsStore, messageText } from '@/lib/client/chat/chat-session';
import { findPreset, isPresetModified } from '@/lib/client/presets/active';
import { presetStore } from '@/lib/client/presets/preset-store';
import { localize } from '@/lib/shared/presets/preset';
import { encodeShare, MAX_ENCODED_CHARS } from '@/lib/shared/share/codec';
import { buildSharePayload, shareUrl, WARN_LINK_CHARS } from '@/lib/client/share/link';
import { MAX_SHARED_MESSAGES } from '@/lib/shared/share/payload';
import { compareStore } from '@/lib/client/compare/compare-store';

/** Attached files never go into a link (too large for a URL, and private): the dialog says so. */
const hasDocuments = () =>
  attachmentsStore.get().items.length > 0 || getChat().messages.some((m) => messageDocuments(m).length > 0);

type LinkState = { url: string } | { tooLong: true } | null;

/** Makes a link that carries the current prompt, settings and (optionally) draft and conversation. */
export function ShareDialog({ open, onClose }: DialogOwnerProps) {
  const t = useTranslations('share');
  const locale = useLocale();
  const ids = useId();
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, settingsStore.get);
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => '');
  const [includeDraft, setIncludeDraft] = useState(true);
  const [includeConversation, setIncludeConversation] = useState(false);
  const [includeComparison, setIncludeComparison] = useState(true);
  const compare = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  const comparing = (compare.open || compare.run !== null) && compare.targets !== null;
  const [link, setLink] = useState<LinkState>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const preset = findPreset(settings.presetId, presetStore.get().presets);
    const presetName = preset && !isPresetModified(settings, preset) ? localize(preset.name, locale) : undefined;
    // A comparison's prompt: what is typed, else the one being compared.
    const prompt = !draft.trim() && compare.run ? messageText(compare.run.prompt) : draft;
    const comparison = comparing && compare.targets ? { targets: compare.targets, blind: compare.blind } : undefined;
    const payload = buildSharePayload(
      { settings, locale, presetName, draft: comparison ? prompt : draft, messages: getChat().messages, comparison },
      { includeDraft, includeConversation, includeComparison },
    );
    void encodeShare(payload).then((encoded) => {
      if (cancelled) return;
      setLink(
        encoded.length > MAX_ENCODED_CHARS
          ? { tooLong: true }
          : { url: shareUrl(window.location.origin, locale, encoded) },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [open, settings, draft, includeDraft, includeConversation, includeComparison, compare, comparing, locale]);

  const url = link && 'url' in link ? link.url : null;

  return (
    <Dialog open={open} onClose={onClose} title={t('title')} closeLabel={t('close')} data-testid="share-dialog">
      <p className="text-sm text-zinc-600 dark:text-zinc-300">{t('intro')}</p>
      <fieldset className="flex flex-col gap-2 text-sm">
        <Include testId="share-include-draft" checked={includeDraft} onChange={setIncludeDraft}>
          {t('includeDraft')}
        </Include>
        <Include testId="share-include-conversation" checked={includeConversation} onChange={setIncludeConversation}>
          {t('includeConversation', { max: MAX_SHARED_MESSAGES })}
        </Include>
        {comparing && (
          <Include testId="share-include-compare" checked={includeComparison} onChange={setIncludeComparison}>
            {t('includeComparison')}
          </Include>
        )}
      </fieldset>
      {open && hasDocuments() && (
        <Notice role="note" data-testid="share-documents-notice">
          {t('documentsNotShared')}
        </Notice>
      )}

      {link && 'tooLong' in link ? (
        <Notice tone="error" role="alert" data-testid="share-too-long">
          {t('tooLongError')}
        </Notice>
      ) : (
        <div className="flex flex-col gap-2">
          <label htmlFor={`${ids}-url`} className="text-sm font-medium">
            {t('linkLabel')}
          </label>
          <div className="flex gap-2">
            <input
              id={`${ids}-url`}
              data-testid="share-url"
              readOnly
              value={url ?? ''}
              onFocus={(e) => e.target.select()}
              className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-2 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            <CopyButton
              text={() => url ?? ''}
              label={t('copy')}
              copiedLabel={t('copied')}
              testId="share-copy"
              variant="secondary"
            />
          </div>
          {url && (
            <p data-testid="share-length" className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('length', { count: url.length })}
            </p>
          )}
          {url && url.length > WARN_LINK_CHARS && (
            <Notice as="div" tone="warning" data-testid="share-warning" role="status">
              <p>{t('tooLongWarning', { count: url.length, limit: WARN_LINK_CHARS })}</p>
              <p>{t('tooLongAdvice')}</p>
            </Notice>
          )}
        </div>
      )}
    </Dialog>
  );
}

/** One thing the link may carry, as a checkbox. */
function Include(props: { testId: string; checked: boolean; onChange: (checked: boolean) => void; children: string }) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        data-testid={props.testId}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.children}
    </label>
  );
}
