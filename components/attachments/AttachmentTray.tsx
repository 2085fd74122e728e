'use client';

import { useState, useSyncExternalStore } from 'react';
import { FileText, LoaderCircle, X } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { IconButton } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { formatBytes } from '@/lib/client/attachments/format';
import { MAX_DOCUMENT_CHARS } from '@/lib/shared/ai/limits';
import {
  attachmentChars,
  attachmentsStore,
  dismissAttachmentError,
  isTooLong,
  removeAttachment,
  setAttachmentPages,
  type AttachmentsState,
  type PendingAttachment,
} from '@/lib/client/attachments/pending';

/** The notice about files over what one document can carry (sending waits on it). */
export const ATTACHMENTS_TOO_LONG_ID = 'attachments-too-long';

const EMPTY: AttachmentsState = { items: [], errors: [] };
export const useAttachments = () => useSyncExternalStore(attachmentsStore.subscribe, attachmentsStore.get, () => EMPTY);

/**
 * A chip in two rows, as ChatGPT's: the name (ellipsised, never squeezed to nothing) and the
 * remove button, then size, tokens and a PDF's page range under them, wrapping on a phone.
 */
const chipClass =
  'grid max-w-full grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-2 gap-y-0.5 rounded-xl border border-zinc-300 bg-zinc-50 py-1 pl-2 pr-1 text-sm dark:border-zinc-700 dark:bg-zinc-800 sm:max-w-md';

/** The files attached to the message being written, and the messages about files that could not be. */
export function AttachmentTray() {
  const t = useTranslations('attachments');
  const { items, errors } = useAttachments();
  if (items.length === 0 && errors.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 px-1 pb-2">
      {items.length > 0 && (
        <ul aria-label={t('listLabel')} className="flex min-w-0 flex-wrap gap-2">
          {items.map((item) => (
            <AttachmentChip key={item.id} item={item} />
          ))}
        </ul>
      )}
      <TooLongNotice items={items} />
      {errors.map((error) => (
        <Notice
          key={error.id}
          tone="error"
          role="alert"
          data-testid="attachment-error"
          data-code={error.code}
          onDismiss={() => dismissAttachmentError(error.id)}
          dismissLabel={t('dismiss')}
        >
          <ErrorText code={error.code} name={error.name} limit={error.limit} />
        </Notice>
      ))}
    </div>
  );
}

/** Files the server would refuse whole: each says how long it is and what to do; sending waits. */
function TooLongNotice({ items }: { items: PendingAttachment[] }) {
  const t = useTranslations('attachments');
  const tooLong = items.filter(isTooLong);
  if (tooLong.length === 0) return null;
  return (
    <Notice
      as="div"
      tone="error"
      id={ATTACHMENTS_TOO_LONG_ID}
      role="alert"
      data-testid="attachment-too-long"
      className="flex flex-col gap-1"
    >
      {tooLong.map((item) => (
        <p key={item.id}>
          {t('tooLong', { name: item.name, chars: attachmentChars(item), limit: MAX_DOCUMENT_CHARS })}
        </p>
      ))}
    </Notice>
  );
}

function ErrorText({ code, name, limit }: { code: string; name: string; limit?: number }) {
  const t = useTranslations('attachments');
  const locale = useLocale();
  if (code === 'too_many') return <>{t('tooMany', { name, limit: String(limit ?? '') })}</>;
  const shown = code === 'too_large' && limit ? formatBytes(limit, locale) : '';
  return <>{t(`errors.${code as 'unreadable'}`, { name, limit: shown })}</>;
}

function AttachmentChip({ item }: { item: PendingAttachment }) {
  const t = useTranslations('attachments');
  const locale = useLocale();
  const total = item.document?.pages?.length;
  return (
    <li
      data-testid="attachment"
      data-status={item.status}
      data-tokens={item.tokens}
      aria-busy={item.status === 'reading'}
      className={chipClass}
    >
      {item.status === 'reading' ? (
        <LoaderCircle size={16} className="shrink-0 animate-spin" aria-hidden />
      ) : (
        <FileText size={16} className="shrink-0" aria-hidden />
      )}
      <span data-testid="attachment-name" className="min-w-0 truncate font-medium" title={item.name}>
        {item.name}
      </span>
      <IconButton
        data-testid="attachment-remove"
        onClick={() => removeAttachment(item.id)}
        label={t('remove', { name: item.name })}
        icon={<X size={16} aria-hidden />}
      />
      <div className="col-span-3 flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 pb-0.5 text-xs text-zinc-600 dark:text-zinc-300">
        <span>
          {formatBytes(item.size, locale)}
          {' · '}
          {item.status === 'reading' ? (
            <span role="status">{t('reading')}</span>
          ) : item.tokens != null ? (
            <span data-testid="attachment-tokens">{t('tokens', { count: item.tokens })}</span>
          ) : (
            '…'
          )}
        </span>
        {total != null && total > 1 && item.pages && <PageRange item={item} total={total} />}
      </div>
    </li>
  );
}

/** A PDF's pages to keep: first and last (the meter shows what that saves). */
function PageRange({ item, total }: { item: PendingAttachment; total: number }) {
  const t = useTranslations('attachments');
  const { from, to } = item.pages!;
  return (
    <span className="flex flex-wrap items-center gap-1 text-zinc-900 dark:text-zinc-100" data-testid="attachment-pages">
      {t('pages')}
      <PageField
        value={from}
        min={1}
        max={total}
        label={t('pagesFrom', { name: item.name })}
        onPage={(page) => setAttachmentPages(item.id, page, Math.max(to, page))}
      />
      –
      <PageField
        value={to}
        min={from}
        max={total}
        label={t('pagesTo', { name: item.name })}
        onPage={(page) => setAttachmentPages(item.id, from, page)}
      />
      {t('pagesOf', { total })}
    </span>
  );
}

/**
 * A page number as the user types it: the field keeps what is typed (empty, or "1" on the way to
 * "12") and each whole page number within the document is applied as it comes; leaving the field
 * shows the range in effect again.
 */
function PageField(props: { value: number; min: number; max: number; label: string; onPage: (page: number) => void }) {
  const { value, min, max, label, onPage } = props;
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <input
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={typed ?? String(value)}
      aria-label={label}
      onChange={(e) => {
        setTyped(e.target.value);
        const page = e.target.valueAsNumber;
        if (Number.isInteger(page) && page >= 1 && page <= max) onPage(page);
      }}
      onBlur={() => setTyped(null)}
      className="h-11 w-14 rounded border border-zinc-300 bg-white px-1 text-base dark:border-zinc-600 dark:bg-zinc-900 sm:h-7 sm:text-xs"
    />
  );
}
