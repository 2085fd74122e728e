'use client';

import { useRef, useState, useSyncExternalStore } from 'react';
import { Paperclip, FileText, LoaderCircle, X } from 'lucide-react';
import { useTranslations, useLocale } from 'next-intl';
import { IconButton } from '@/components/ui/Button';
import {
  addFiles,
  attachmentChars,
  attachmentsStore,
  dismissAttachmentError,
  isTooLong,
  removeAttachment,
  setAttachmentPages,
  type PendingAttachment,
} from '@/lib/client/attachments/pending';
import type { AttachedDocument } from '@/lib/client/chat/types';
import { Notice } from '@/components/ui/Notice';
import { MAX_DOCUMENT_CHARS } from '@/lib/shared/model/profile';

/** A file size for people: 512 B, 12.3 KB, 4.5 MB (1 KB = 1,024 bytes, as file managers show it). */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  const digits = value >= 100 ? 0 : 1;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

/** The attach button beside the composer (44 px on phones) and the file input it opens. */
export function AttachButton({ disabled }: { disabled?: boolean }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <IconButton
        size="lg"
        data-testid="attach"
        label={t('attach')}
        icon={<Paperclip size={20} strokeWidth={2} aria-hidden />}
        aria-describedby="attach-hint"
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white"
      />
      <span id="attach-hint" className="sr-only">
        {t('attachHint')}
      </span>
      <input
        ref={input}
        type="file"
        multiple
        data-testid="attach-input"
        tabIndex={-1}
        aria-hidden
        className="hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so choosing the same file again (after removing its chip) reads it again.
          e.target.value = '';
          if (files.length) void addFiles(files);
        }}
      />
    </>
  );
}

/** A sent message's documents as chips: the model got their text, the conversation shows their names. */
export function SentDocuments({ documents }: { documents: AttachedDocument[] }) {
  const t = useTranslations('attachments');
  const locale = useLocale();
  return (
    <ul aria-label={t('sentLabel')} className="flex max-w-full flex-wrap justify-end gap-2">
      {documents.map((document, index) => (
        <li
          key={index}
          data-testid="attachment"
          data-sent
          className="flex max-w-full items-center gap-2 rounded-xl border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <FileText size={16} className="shrink-0" aria-hidden />
          <span className="min-w-0 truncate font-medium" title={document.name}>
            {document.name}
          </span>
          <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-300">
            {formatBytes(document.size, locale)}
            {document.pages &&
              ` · ${t('pages')} ${document.pages.from}–${document.pages.to} ${t('pagesOf', { total: document.pages.total })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The notice about files over what one document can carry (sending waits on it). */
export const ATTACHMENTS_TOO_LONG_ID = 'attachments-too-long';

// The server's snapshot is the store itself (only the browser adds to it), so hydration renders
// what the server did and the composer does not render again after it.
export const useAttachments = () =>
  useSyncExternalStore(attachmentsStore.subscribe, attachmentsStore.get, attachmentsStore.get);

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
